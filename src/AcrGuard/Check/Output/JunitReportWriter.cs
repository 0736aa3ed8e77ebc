using System.Text;
using System.Xml;

namespace AcrGuard.Check.Output;

/// <summary>
/// JUnit XML for CI test reports: a test case per object, failing when it is denied; warnings go
/// to the case's system-out so they show without failing the build.
/// </summary>
public sealed class JunitReportWriter : IReportWriter
{
    public void Write(CheckReport report, Stream output)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "acrguard");
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "acrguard check");
        xml.WriteAttributeString("tests", report.Objects.Count.ToString());
        xml.WriteAttributeString("failures", report.Denied.ToString());
        xml.WriteAttributeString("errors", report.InputErrors.Count.ToString());
        xml.WriteAttributeString("skipped", report.Objects.Count(o => !o.InScope).ToString());
        foreach (var o in report.Objects)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", Clean(o.Source));
            xml.WriteAttributeString("name", Clean(o.Identity.ToString()));
            if (!o.InScope)
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", $"{o.Identity.ApiVersion} {o.Identity.Kind} is not a kind AcrGuard checks");
                xml.WriteEndElement();
            }

            var errors = o.Verdict.Findings.Where(f => f.Severity == Findings.FindingSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(errors[0].Message));
                xml.WriteAttributeString("type", errors[0].Rule);
                xml.WriteString(Clean(string.Join('\n', errors.Select(f => $"{f.Message} [{f.Path}]"))));
                xml.WriteEndElement();
            }

            var warnings = o.Verdict.Findings.Where(f => f.Severity == Findings.FindingSeverity.Warning).ToList();
            if (warnings.Count > 0)
            {
                xml.WriteElementString("system-out", Clean(string.Join('\n', warnings.Select(f => $"warning: {f.WarningText} [{f.Path}]"))));
            }

            xml.WriteEndElement();
        }

        foreach (var error in report.InputErrors)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", "input");
            xml.WriteAttributeString("name", Clean(error.Split(':')[0]));
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", Clean(error));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        output.WriteByte((byte)'\n');
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
