using YamlDotNet.RepresentationModel;

namespace AcrGuard.Configuration;

/// <summary>The <c>tls</c> section: what <c>serve</c>'s TLS needs beyond its flags.</summary>
public static partial class ConfigReader
{
    // Only a path here: the file is read (and reloaded) by serve, which does the I/O.
    private static string? ReadTls(YamlNode node)
    {
        if (IsEmpty(node))
        {
            return null;
        }

        string? clientCA = null;
        foreach (var (keyNode, value) in Mapping(node, "tls").Children)
        {
            var key = Scalar(keyNode, "a key");
            if (key != "clientCA")
            {
                throw Error(keyNode, $"tls.{key}", "unknown key; expected clientCA");
            }

            clientCA = Scalar(value, "tls.clientCA");
            if (clientCA.Trim().Length == 0)
            {
                throw Error(value, "tls.clientCA", "expected the path of a PEM file of CA certificates");
            }
        }

        return clientCA;
    }
}
