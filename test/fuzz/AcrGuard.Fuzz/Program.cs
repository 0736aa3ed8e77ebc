using System.Text;
using AcrGuard.Fuzz;
using SharpFuzz;

// Usage: AcrGuard.Fuzz manifests|review   (input on stdin, one per AFL run)
//        AcrGuard.Fuzz manifests|review FILE...   (replay inputs, e.g. AFL's crashes, printing what they throw)
var target = args.Length > 0 ? args[0] : "manifests";
Action<string> run = target switch
{
    "manifests" => ManifestTarget.Run,
    _ => throw new ArgumentException($"unknown fuzz target '{target}'; use manifests"),
};

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        try
        {
            run(File.ReadAllText(file, Encoding.UTF8));
            Console.WriteLine($"{file}: ok");
        }
        catch (Exception e)
        {
            Console.WriteLine($"{file}: {e}");
        }
    }

    return;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var reader = new StreamReader(stream, Encoding.UTF8);
    run(reader.ReadToEnd());
});
