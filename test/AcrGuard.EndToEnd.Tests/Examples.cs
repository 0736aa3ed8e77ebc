using k8s;
using k8s.Models;

namespace AcrGuard.EndToEnd.Tests;

/// <summary>The manifests of docs/examples (the source document's scenarios), copied to the test output.</summary>
internal static class Examples
{
    /// <summary>The Deployment of an example file; the files may also hold an ImageCache, which the client has no model for.</summary>
    public static V1Deployment Deployment(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "examples", file));
        var document = text.Split("\n---").Single(d => d.Contains("\nkind: Deployment", StringComparison.Ordinal));
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(document);
        // The examples are written for `default`; each test says where it creates them.
        deployment.Metadata.NamespaceProperty = null;
        return deployment;
    }
}
