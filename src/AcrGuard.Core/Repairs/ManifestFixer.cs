using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using AcrGuard.Findings;
using AcrGuard.Manifests;
using AcrGuard.Repairs.Syntax;
using AcrGuard.Rules;
using AcrGuard.Workloads;

namespace AcrGuard.Repairs;

/// <summary>
/// <c>check --fix</c> on one input's text, without I/O: judges each object as <c>check</c> does,
/// plans the repairs of its findings (<see cref="RepairPlanner"/>), edits the text only where they
/// are (<see cref="DocumentEditor"/>, <see cref="EditWriter"/>) and reads the result back to prove
/// that every object reads as planned and every other document as before. A text it cannot read
/// is returned as it is: <c>check</c> reports why.
/// </summary>
public static class ManifestFixer
{
    private const string ByteOrderMark = "\uFEFF";

    /// <summary>The object's repairs as planned, with where the object and each finding are.</summary>
    private sealed record Planned(DocumentAddress Address, RepairPlan Plan, int[] RepairLines, int[] LeftLines, JsonNode Before);

    /// <summary>The objects with a plan, and a fingerprint of every document's JSON to prove afterwards that the others read the same.</summary>
    private sealed record Judged(List<Planned> Planned, List<(DocumentAddress Address, byte[] Hash)> Fingerprints);

    public static FixResult Fix(string file, string text, Evaluator evaluator)
    {
        // A byte-order mark is not content (ManifestLoader drops it): it stays, and offsets are past it.
        var bom = text.StartsWith(ByteOrderMark, StringComparison.Ordinal) ? ByteOrderMark : string.Empty;
        var body = text[bom.Length..];
        var renameLegacy = new RuleSwitch(evaluator.Config).SeverityOf(RuleCatalog.AG013) is not null;
        if (Judge(file, body, evaluator, renameLegacy) is not { Planned.Count: > 0 } judged)
        {
            return FixResult.Unchanged(text);
        }

        var (planned, fingerprints) = judged;

        var json = ManifestLoader.LooksLikeJson(file, body);
        var lines = new TextLines(body);
        List<ObjectRepairs> outcomes;
        List<TextEdit> edits;
        Dictionary<DocumentAddress, JsonNode> expected;
        try
        {
            (outcomes, edits, expected) = Edit(body, lines, json, planned);
        }
        catch (InvalidOperationException e)
        {
            return FixResult.Refused(text, planned.Select(p => Left(p, $"not repaired: the text could not be edited safely ({e.Message})")));
        }

        var repaired = TextEdit.Apply(body, edits);
        if (edits.Count > 0 && !Verified(file, repaired, expected, fingerprints))
        {
            return FixResult.Refused(text, planned.Select(p => Left(p, "not repaired: the edited text did not read back as planned, so nothing was changed")));
        }

        return new FixResult(bom + repaired, bom.Length == 0 ? outcomes : [.. outcomes.Select(o => Shifted(o, bom.Length))], [.. Shifted(edits, bom.Length)]);
    }

    private static Judged? Judge(string file, string text, Evaluator evaluator, bool renameLegacy)
    {
        var planned = new List<Planned>();
        var fingerprints = new List<(DocumentAddress Address, byte[] Hash)>();
        try
        {
            foreach (var document in ManifestLoader.Load(file, text))
            {
                fingerprints.Add((document.Address, SHA256.HashData(JsonMarshalBytes(document.Root))));
                if (Plan(document, evaluator, renameLegacy) is { } plan)
                {
                    planned.Add(plan);
                }
            }
        }
        catch (ManifestException)
        {
            return null;
        }

        return new Judged(planned, fingerprints);
    }

    private static Planned? Plan(ManifestDocument document, Evaluator evaluator, bool renameLegacy)
    {
        KubeObject obj;
        try
        {
            obj = ObjectReader.Read(document.Root, evaluator.Config.Workloads);
        }
        catch (UnreadableObjectException)
        {
            return null;
        }

        if (obj.Reviewed is not { } reviewed)
        {
            return null;
        }

        var plan = RepairPlanner.Plan(reviewed, evaluator.Evaluate(reviewed).Findings, renameLegacy);
        if (plan.IsEmpty)
        {
            return null;
        }

        int LineOf(string path) => document.LineOf(path) ?? document.Line;
        return new Planned(document.Address, plan, [.. plan.Repairs.Select(r => LineOf(r.Path))], [.. plan.Left.Select(l => LineOf(l.Path))],
            JsonNode.Parse(document.Root.GetRawText())!);
    }

    private static (List<ObjectRepairs>, List<TextEdit>, Dictionary<DocumentAddress, JsonNode>) Edit(string text, TextLines lines, bool json, List<Planned> planned)
    {
        var documents = json ? new Dictionary<int, SyntaxNode> { [1] = JsonSyntax.Parse(text) } : YamlSyntax.Parse(text);
        var outcomes = new List<ObjectRepairs>();
        var edits = new List<TextEdit>();
        var expected = new Dictionary<DocumentAddress, JsonNode>();
        foreach (var p in planned)
        {
            var (root, problem) = ItemRoot(documents.GetValueOrDefault(p.Address.Index), p.Address.ItemPath);
            var editor = root is null ? null : new DocumentEditor(root, lines, json);
            var repaired = new List<Repair>();
            var left = Left(p, reason: null).Unrepaired.ToList();
            var changes = new List<AnnotationChange>();
            for (var i = 0; i < p.Plan.Repairs.Count; i++)
            {
                var repair = p.Plan.Repairs[i];
                var refusal = editor is null ? problem : editor.TryRecord(repair.Changes);
                if (refusal is null)
                {
                    repaired.Add(new Repair(repair.Rule, repair.Path, p.RepairLines[i], repair.Description) { Finding = repair.Finding, Edits = Alone(text, lines, root!, json, repair) });
                    changes.AddRange(repair.Changes);
                }
                else
                {
                    left.Add(new UnrepairedFinding(repair.Rule, repair.Path, p.RepairLines[i], $"not repaired: {refusal}"));
                }
            }

            if (editor is not null && changes.Count > 0)
            {
                edits.AddRange(new EditWriter(text, lines, editor).Write());
                expected[p.Address] = ExpectedObject.Apply(p.Before, changes);
            }

            outcomes.Add(new ObjectRepairs(p.Address, repaired, left));
        }

        return (outcomes, TextEdit.Order(edits), expected);
    }

    // A repair's own edits, as if it were the only one: each finding's fix in SARIF stands by itself.
    private static List<TextEdit> Alone(string text, TextLines lines, SyntaxNode root, bool json, PlannedRepair repair)
    {
        var editor = new DocumentEditor(root, lines, json);
        try
        {
            return editor.TryRecord(repair.Changes) is null ? new EditWriter(text, lines, editor).Write() : [];
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    // The node of a document, or of an item of its kind: List (items[0].items[2]).
    private static (SyntaxNode? Root, string? Problem) ItemRoot(SyntaxNode? document, string itemPath)
    {
        var node = document;
        var path = new FindingPath(itemPath);
        while (node is not null && path.MoveNext())
        {
            if (node.Marked)
            {
                return (null, "the list is written with an anchor or alias");
            }

            var key = path.Key.ToString();
            node = path.Index >= 0
                ? node is ListNode list && path.Index < list.Items.Count ? list.Items[path.Index] : null
                : node is MapNode map ? map.Entries.LastOrDefault(e => e.Key.Value == key)?.Value : null;
        }

        return node is null ? (null, "the text of this object could not be found") : (node, null);
    }

    // Reads the repaired text as check will: the same documents, the repaired ones as expected, the rest unchanged.
    private static bool Verified(string file, string text, Dictionary<DocumentAddress, JsonNode> expected, List<(DocumentAddress Address, byte[] Hash)> fingerprints)
    {
        try
        {
            var i = 0;
            foreach (var document in ManifestLoader.Load(file, text))
            {
                if (i >= fingerprints.Count || document.Address != fingerprints[i].Address)
                {
                    return false;
                }

                var same = expected.TryGetValue(document.Address, out var node)
                    ? ExpectedObject.Same(node, JsonNode.Parse(document.Root.GetRawText())!)
                    : SHA256.HashData(JsonMarshalBytes(document.Root)).AsSpan().SequenceEqual(fingerprints[i].Hash);
                if (!same)
                {
                    return false;
                }

                i++;
            }

            return i == fingerprints.Count;
        }
        catch (ManifestException)
        {
            return false;
        }
    }

    private static IEnumerable<TextEdit> Shifted(IEnumerable<TextEdit> edits, int by) => edits.Select(e => e with { Start = e.Start + by, End = e.End + by });

    private static ObjectRepairs Shifted(ObjectRepairs o, int by) => o with { Repaired = [.. o.Repaired.Select(r => r with { Edits = [.. Shifted(r.Edits, by)] })] };

    private static ReadOnlySpan<byte> JsonMarshalBytes(JsonElement element) => System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);

    private static ObjectRepairs Left(Planned p, string? reason) => new(
        p.Address,
        [],
        [
            .. p.Plan.Left.Select((l, i) => new UnrepairedFinding(l.Rule, l.Path, p.LeftLines[i], l.Reason)),
            .. reason is null ? [] : p.Plan.Repairs.Select((r, i) => new UnrepairedFinding(r.Rule, r.Path, p.RepairLines[i], reason)),
        ]);
}
