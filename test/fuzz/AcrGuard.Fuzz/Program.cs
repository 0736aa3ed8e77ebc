using System.Text;
using AcrGuard.Fuzz;
using SharpFuzz;

// Usage: AcrGuard.Fuzz manifests|review   (input on stdin, one per AFL run)
//        AcrGuard.Fuzz manifests|review FILE...   (replay inputs, e.g. AFL's crashes, printing what they throw)
var target = args.Length > 0 ? args[0] : "manifests";
Action<byte[]> run = target switch
{
    "manifests" => bytes => ManifestTarget.Run(Encoding.UTF8.GetString(bytes)),
    "review" => ReviewTarget.Run,
    _ => throw new ArgumentException($"unknown fuzz target '{target}'; use manifests or review"),
};

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        try
        {
            run(File.ReadAllBytes(file));
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
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    run(buffer.ToArray());
});
