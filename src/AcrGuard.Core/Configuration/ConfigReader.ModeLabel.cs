using YamlDotNet.RepresentationModel;

namespace AcrGuard.Configuration;

/// <summary>The <c>modeLabel</c> section: who may set <c>acrguard.io/mode: audit</c> on a namespace.</summary>
public static partial class ConfigReader
{
    // A key left out keeps its default: `modeLabel: {allowedUsers: [ci-admin]}` adds a user and
    // keeps system:masters; `allowedGroups: []` takes it out.
    private static ModeLabelPolicy ReadModeLabel(YamlNode node)
    {
        if (IsEmpty(node))
        {
            return ModeLabelPolicy.Default;
        }

        var users = ModeLabelPolicy.Default.AllowedUsers;
        var groups = ModeLabelPolicy.Default.AllowedGroups;
        foreach (var (keyNode, value) in Mapping(node, "modeLabel").Children)
        {
            var key = Scalar(keyNode, "a key");
            switch (key)
            {
                case "allowedUsers":
                    users = ReadNames(value, "modeLabel.allowedUsers", "user");
                    break;
                case "allowedGroups":
                    groups = ReadNames(value, "modeLabel.allowedGroups", "group");
                    break;
                default:
                    throw Error(keyNode, $"modeLabel.{key}", "unknown key; expected allowedUsers and allowedGroups");
            }
        }

        return new ModeLabelPolicy(users, groups);
    }

    private static List<string> ReadNames(YamlNode node, string path, string what)
    {
        var names = new List<string>();
        if (IsEmpty(node))
        {
            return names;
        }

        if (node is not YamlSequenceNode items)
        {
            throw Error(node, path, $"expected a list of {what} names");
        }

        for (var i = 0; i < items.Children.Count; i++)
        {
            var name = Scalar(items.Children[i], $"{path}[{i}]");
            if (name.Trim().Length == 0 || name.Trim().Length != name.Length)
            {
                throw Error(items.Children[i], $"{path}[{i}]", $"'{name}' is not a {what} name (empty, or spaces around it)");
            }

            names.Add(name);
        }

        return names;
    }
}
