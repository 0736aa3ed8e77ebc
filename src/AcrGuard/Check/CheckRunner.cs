using AcrGuard.Check.Fixing;
using AcrGuard.Check.Output;
using AcrGuard.Check.Renderers;
using AcrGuard.Configuration;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Repairs;
using AcrGuard.Workloads;

namespace AcrGuard.Check;

/// <summary>
/// The work of <c>acrguard check</c> without the console: expand paths, read each document,
/// judge it with the same <see cref="Evaluator"/> as the webhook, and collect a report. Files
/// named on the command line and stdin are strict: anything that is not a readable object is an
/// input error. Directories are walked as repositories (<see cref="RepositoryWalker"/>).
/// </summary>
public sealed class CheckRunner(Evaluator evaluator, EnforcementMode mode)
{
    /// <summary>The <c>--exclude</c> globs, applied inside directories.</summary>
    public PathExclusions Exclusions { get; init; } = PathExclusions.None;

    /// <summary>Where helm, kubectl and kustomize are looked for.</summary>
    public ToolLocator Tools { get; init; } = ToolLocator.FromEnvironment();

    /// <summary><c>--fix</c>: files are repaired (<see cref="RepairingFiles"/>) before they are checked; stdin and renders never are.</summary>
    public FixMode Fix { get; init; } = FixMode.Off;

    /// <summary>
    /// Where the report is written as the objects are judged (<see cref="CheckReport.Output"/>),
    /// so that a stream of any length is checked in the memory of one object; without it the
    /// report keeps every object. The caller finishes and disposes the report's output.
    /// </summary>
    public IReportWriter? Writer { get; init; }

    /// <summary>Where <see cref="Writer"/> writes.</summary>
    public Stream? Output { get; init; }

    public CheckReport Run(IEnumerable<string> paths, TextReader stdin)
    {
        var report = new CheckReport(mode) { Fix = Fix };
        if (Writer is not null && Output is not null)
        {
            report.Output = Writer.Open(report, Output);
        }

        try
        {
            Run(report, paths, stdin);
            return report;
        }
        catch
        {
            report.Output?.Dispose();
            throw;
        }
    }

    private void Run(CheckReport report, IEnumerable<string> paths, TextReader stdin)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var text = stdin.ReadToEnd();
                NotWritten(report, "-", text, "stdin is never rewritten: fix the files it was made from");
                CheckText(report, "-", text);
            }
            else if (File.Exists(path))
            {
                CheckFile(report, path, path, walked: false);
            }
            else if (Directory.Exists(path))
            {
                CheckDirectory(report, path);
            }
            else
            {
                report.InputErrors.Add($"{path}: no such file or directory");
            }
        }
    }

    /// <summary>Checks one input's text; a document that cannot be read is an input error, and the rest of the file still counts where YAML allows it.</summary>
    public void CheckText(CheckReport report, string file, string text) => Check(report, file, ManifestSource.OfText(text), linesMatch: true, walked: false);

    /// <summary>Checks a tool's render attributed to <see cref="RenderedFile.File"/>.</summary>
    public void CheckRendered(CheckReport report, RenderedFile rendered)
    {
        NotWritten(report, rendered.File, rendered.Text, rendered.LinesMatch
            ? "rendered by helm template, never rewritten: fix the template"
            : "rendered by kustomize, never rewritten: fix the resource or patch it comes from");
        Check(report, rendered.File, ManifestSource.OfText(rendered.Text), rendered.LinesMatch, walked: false);
    }

    private void CheckDirectory(CheckReport report, string directory)
    {
        var plan = new RepositoryWalker(Exclusions).Plan(directory);
        report.InputErrors.AddRange(plan.Errors);
        report.Skipped.AddRange(plan.Skipped);

        // Renders start at once, a few at a time, while the plain files are judged: a render is
        // mostly the tool's start-up (kubectl kustomize: 0.4 s here), and an overlay tree has many.
        using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        var renders = new List<(string Path, Task<Render> Render)>();
        renders.AddRange(plan.Charts.Select(c => (c, Started(slots, () => new HelmRenderer(Tools).Render(c)))));
        renders.AddRange(plan.Kustomizations.Select(k => (k.Directory, Started(slots, () => new KustomizeRenderer(Tools).Render(k)))));

        // Files, charts and kustomizations in the order of their paths, as a reader of the output expects.
        var units = new List<(string Path, Action Check)>();
        units.AddRange(plan.Files.Select(f => (f.Display, (Action)(() => CheckWalkedFile(report, f.Display, f.FullPath)))));
        units.AddRange(renders.Select(r => (r.Path, (Action)(() => Apply(report, r.Path, r.Render.GetAwaiter().GetResult(), directory)))));
        foreach (var unit in units.OrderBy(u => u.Path, StringComparer.Ordinal))
        {
            unit.Check();
        }
    }

    private static Task<Render> Started(SemaphoreSlim slots, Func<Render> render) => Task.Run(async () =>
    {
        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return render();
        }
        finally
        {
            slots.Release();
        }
    });

    // A file met while walking: judged strictly when it holds (or reads like) Kubernetes
    // objects, skipped and counted when it does not (docs/ci.md, "What is skipped, what is judged").
    private void CheckWalkedFile(CheckReport report, string display, string fullPath) => CheckFile(report, display, fullPath, walked: true);

    private void CheckFile(CheckReport report, string display, string fullPath, bool walked)
    {
        var repairs = Fix == FixMode.Off ? null : new RepairingFiles(evaluator, Fix).Repair(report, display, fullPath);
        if ((repairs is null ? Read(report, display, fullPath) : ManifestSource.OfText(repairs.Text)) is not { } source)
        {
            return;
        }

        var kind = Check(report, display, source, linesMatch: true, walked, repairs?.Objects.ToDictionary(o => o.Address));
        if (!walked)
        {
            return;
        }

        SkippedInput? skipped = kind switch
        {
            ManifestFileKind.Empty => new(display, SkipReason.NotKubernetes, "no documents"),
            ManifestFileKind.NotKubernetes => new(display, SkipReason.NotKubernetes, "not a Kubernetes object (no kind)"),
            ManifestFileKind.Template => new(display, SkipReason.Template, "a template ({{ }}) that is not valid YAML: render it and pipe the output to acrguard check -"),
            ManifestFileKind.Unparsable => new(display, SkipReason.NotKubernetes, "not valid YAML or JSON, and no apiVersion and kind in it"),
            _ => null,
        };
        if (skipped is not null)
        {
            report.Skipped.Add(skipped);
        }
    }

    private void Apply(CheckReport report, string directory, Render render, string walked)
    {
        if (render.Hint is { } hint)
        {
            report.Skipped.Add(new SkippedInput(directory, SkipReason.NotRendered, hint));
            return;
        }

        if (render.Error is { } error)
        {
            report.InputErrors.Add(error);
            return;
        }

        foreach (var file in render.Files)
        {
            // --exclude reaches into a chart too: a template excluded by path is left out of its render.
            if (!Exclusions.Excludes(RepositoryWalker.Relative(walked, file.File)))
            {
                CheckRendered(report, file);
            }
        }
    }

    // With --fix, input that is not a file of its own gets one line saying why what could be repaired was not.
    private void NotWritten(CheckReport report, string file, string text, string why)
    {
        if (Fix != FixMode.Off && ManifestFixer.Fix(file, text, evaluator).RepairCount is > 0 and var count)
        {
            report.FixNotes.Add($"{file}: {(count == 1 ? "1 repair" : $"{count} repairs")} not made: {why}");
        }
    }

    // A file is read whole, and may have to be decoded into one string (a JSON file, one that
    // does not parse), which .NET ends just under 2^30 characters (String.MaxLength): a larger
    // file would end the run with an OutOfMemoryException.
    internal const long MaxFileBytes = 1_000_000_000;

    internal static ManifestSource? Read(CheckReport report, string display, string path)
    {
        try
        {
            if (new FileInfo(path).Length is > MaxFileBytes and var length)
            {
                report.InputErrors.Add($"{display}: cannot read: {length} bytes, more than check reads from one file (1,000,000,000): split it into smaller files");
                return null;
            }

            return ManifestSource.OfUtf8(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.InputErrors.Add($"{display}: cannot read: {e.Message}");
            return null;
        }
    }

    // One pass over the text, each document read once. Strict, unless walked: then the errors of
    // documents without a kind are held until a Kubernetes object shows that the file is a
    // manifest (they are reported then, as kubectl would refuse the file), and a file with no
    // such object is not judged at all: its kind, other than Objects, says why it is skipped.
    private ManifestFileKind Check(CheckReport report, string file, ManifestSource source, bool linesMatch, bool walked, Dictionary<DocumentAddress, ObjectRepairs>? repairs = null)
    {
        var documents = 0;
        var kubernetes = !walked;
        var held = new List<string>();
        try
        {
            foreach (var document in source.Documents(file))
            {
                documents++;
                if (!kubernetes && ManifestTriage.IsKubernetesShaped(document.Root))
                {
                    kubernetes = true;
                    report.InputErrors.AddRange(held);
                }

                try
                {
                    var obj = ObjectReader.Read(document.Root, evaluator.Config.Workloads);
                    var verdict = evaluator.Evaluate(obj, mode: mode);
                    var lines = verdict.Findings.Count == 0 || !linesMatch ? [] : FindingLines(document, verdict);
                    var fixes = repairs?.GetValueOrDefault(document.Address);
                    report.Add(new CheckedObject(file, document.Address.ToString(), linesMatch ? document.Line : 1, obj.Identity, obj.InScope, verdict)
                    {
                        FindingLines = lines,
                        Repaired = fixes?.Repaired ?? [],
                        Unrepaired = fixes?.Unrepaired ?? [],
                    });
                }
                catch (UnreadableObjectException e)
                {
                    var where = linesMatch ? $"{file}:{document.Line}" : file;
                    (kubernetes ? report.InputErrors : held).Add($"{where}: document {document.Address.InFile}: {e.Message}");
                }
            }
        }
        catch (ManifestException e)
        {
            var kind = kubernetes ? ManifestFileKind.Objects : ManifestTriage.ClassifyUnreadable(source.Text);
            if (kind == ManifestFileKind.Objects)
            {
                report.InputErrors.AddRange(kubernetes ? [] : held);
                report.InputErrors.Add(e.Message);
            }

            return kind;
        }

        return kubernetes ? ManifestFileKind.Objects : documents == 0 ? ManifestFileKind.Empty : ManifestFileKind.NotKubernetes;
    }

    // A finding whose path the text does not have (an annotation that is missing, say) is placed at its document's line.
    private static int[] FindingLines(ManifestDocument document, Verdict verdict)
    {
        var lines = new int[verdict.Findings.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = document.LineOf(verdict.Findings[i].Path) ?? document.Line;
        }

        return lines;
    }
}
