using System.Text;
using System.Xml;

namespace AcrGuard.Check.Output;

/// <summary>
/// JUnit XML for CI test reports: a test case per object, failing when it is denied; warnings go
/// to the case's system-out so they show without failing the build. The suite's counts come
/// before its cases, so the cases wait in a <see cref="ReportSpool"/> until the last object.
/// </summary>
public sealed class JunitReportWriter : IReportWriter
{
    public IOpenReport Open(CheckReport report, Stream output) => new Writing(output);

    private sealed class Writing(Stream output) : IOpenReport
    {
        private readonly Stream spool = ReportSpool.Create();

        private BinaryWriter? cases;

        public void Write(CheckedObject checkedObject)
        {
            cases ??= new BinaryWriter(spool, Encoding.UTF8, leaveOpen: true);
            JunitCase.Of(checkedObject).WriteTo(cases);
        }

        public void Finish(CheckReport report)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false };
            using (var xml = XmlWriter.Create(output, settings))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", "acrguard");
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", "acrguard check");
                xml.WriteAttributeString("tests", report.ObjectCount.ToString());
                xml.WriteAttributeString("failures", report.Denied.ToString());
                xml.WriteAttributeString("errors", report.InputErrors.Count.ToString());
                xml.WriteAttributeString("skipped", report.NotInScope.ToString());
                WriteSpooled(xml);
                foreach (var error in report.InputErrors)
                {
                    JunitCase.OfInputError(error).WriteTo(xml);
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }

            output.WriteByte((byte)'\n');
        }

        public void Dispose()
        {
            cases?.Dispose();
            spool.Dispose();
        }

        private void WriteSpooled(XmlWriter xml)
        {
            if (cases is null)
            {
                return;
            }

            cases.Flush();
            spool.Position = 0;
            using var reader = new BinaryReader(spool, Encoding.UTF8, leaveOpen: true);
            while (spool.Position < spool.Length)
            {
                JunitCase.ReadFrom(reader).WriteTo(xml);
            }
        }
    }
}
