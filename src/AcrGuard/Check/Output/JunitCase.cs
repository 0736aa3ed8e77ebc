using System.Xml;
using AcrGuard.Findings;

namespace AcrGuard.Check.Output;

/// <summary>One JUnit test case, as <see cref="JunitReportWriter"/> spools it and then writes it.</summary>
internal sealed record JunitCase(string ClassName, string Name, string? Skipped, string? Failure, string? FailureType, string? FailureText, string? Error, string? SystemOut)
{
    public static JunitCase Of(CheckedObject o)
    {
        var skipped = o.InScope ? null : $"{o.Identity.ApiVersion} {o.Identity.Kind} is not a kind AcrGuard checks";
        var errors = o.Verdict.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        var warnings = o.Verdict.Findings.Where(f => f.Severity == FindingSeverity.Warning).ToList();
        return new JunitCase(
            Clean(o.Source),
            Clean(o.Identity.ToString()),
            skipped,
            errors.Count > 0 ? Clean(errors[0].Message) : null,
            errors.Count > 0 ? errors[0].Rule : null,
            errors.Count > 0 ? Clean(string.Join('\n', errors.Select(f => $"{f.Message} [{f.Path}]"))) : null,
            null,
            warnings.Count > 0 ? Clean(string.Join('\n', warnings.Select(f => $"warning: {f.WarningText} [{f.Path}]"))) : null);
    }

    public static JunitCase OfInputError(string error) =>
        new("input", Clean(error.Split(':')[0]), null, null, null, null, Clean(error), null);

    public void WriteTo(XmlWriter xml)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", ClassName);
        xml.WriteAttributeString("name", Name);
        if (Skipped is not null)
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", Skipped);
            xml.WriteEndElement();
        }

        if (Failure is not null)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Failure);
            xml.WriteAttributeString("type", FailureType);
            xml.WriteString(FailureText);
            xml.WriteEndElement();
        }

        if (Error is not null)
        {
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", Error);
            xml.WriteEndElement();
        }

        if (SystemOut is not null)
        {
            xml.WriteElementString("system-out", SystemOut);
        }

        xml.WriteEndElement();
    }

    public void WriteTo(BinaryWriter spool)
    {
        spool.Write(ClassName);
        spool.Write(Name);
        foreach (var text in (string?[])[Skipped, Failure, FailureType, FailureText, Error, SystemOut])
        {
            spool.Write(text is not null);
            spool.Write(text ?? string.Empty);
        }
    }

    public static JunitCase ReadFrom(BinaryReader spool)
    {
        var className = spool.ReadString();
        var name = spool.ReadString();
        string? Next() => (spool.ReadBoolean(), spool.ReadString()) is (true, var text) ? text : null;
        return new JunitCase(className, name, Next(), Next(), Next(), Next(), Next(), Next());
    }

    // Names and values come from the manifests; a control character would make the XML invalid.
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                return string.Concat(text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '\uFFFD'));
            }
        }

        return text;
    }
}
