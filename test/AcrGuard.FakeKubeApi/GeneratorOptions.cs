using System.Globalization;

namespace AcrGuard.FakeKubeApi;

/// <summary>The standalone server's command line: how large a cluster to generate and where to listen.</summary>
public sealed record GeneratorOptions(int Port, int Pods, int Deployments, int Namespaces, string Kubeconfig, bool PolicyReports = false)
{
    public static GeneratorOptions Parse(string[] args)
    {
        var options = new GeneratorOptions(0, 10_000, 0, 100, Path.Combine(Path.GetTempPath(), "acrguard-fake-kubeconfig"));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--port" => options with { Port = Number(args[i + 1]) },
                "--pods" => options with { Pods = Number(args[i + 1]) },
                "--deployments" => options with { Deployments = Number(args[i + 1]) },
                "--namespaces" => options with { Namespaces = Math.Max(1, Number(args[i + 1])) },
                "--kubeconfig" => options with { Kubeconfig = args[i + 1] },
                "--policy-reports" => options with { PolicyReports = args[i + 1] == "true" },
                _ => throw new ArgumentException($"unknown option {args[i]}: --port, --pods, --deployments, --namespaces, --kubeconfig, --policy-reports true|false"),
            };
        }

        return options;
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
