using System.Text.Json;
using AcrGuard.Manifests;

namespace AcrGuard.Core.Tests;

public class ManifestLoaderTests
{
    private static List<(string Source, int Line, string Json)> Load(string text, string file = "app.yaml") =>
        ManifestLoader.Load(file, text).Select(d => (d.Address.ToString(), d.Line, d.Root.GetRawText())).ToList();

    [Test]
    public void Multi_document_yaml_gives_each_document_with_its_index_and_line()
    {
        var documents = Load("""
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            ---
            # an empty document is skipped but counted
            apiVersion: v1
            kind: Secret
            metadata: {name: b}
            """);

        Assert.That(documents.Select(d => (d.Source, d.Line)), Is.EqualTo(new[] { ("app.yaml#1", 2), ("app.yaml#3", 8) }));
    }

    [Test]
    public void Plain_scalars_are_typed_and_quoted_ones_are_strings()
    {
        var json = Load("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: ~\nf: 1.5\ng: 0x1F\nh: 1.0.0\ni: -3\nj: null\nk: 12345678901234567890\n").Single().Json;

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("a").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("b").GetString(), Is.EqualTo("1"));
            Assert.That(root.GetProperty("c").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("d").GetString(), Is.EqualTo("true"));
            Assert.That(root.GetProperty("e").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("f").GetDouble(), Is.EqualTo(1.5));
            Assert.That(root.GetProperty("g").GetInt32(), Is.EqualTo(31), "kubectl's go-yaml v2 reads hex");
            Assert.That(root.GetProperty("h").GetString(), Is.EqualTo("1.0.0"));
            Assert.That(root.GetProperty("i").GetInt32(), Is.EqualTo(-3));
            Assert.That(root.GetProperty("j").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(root.GetProperty("k").ValueKind, Is.EqualTo(JsonValueKind.Number));
        });
    }

    [Test]
    public void Plain_scalars_are_typed_by_yaml_1_1_as_kubectl_sends_them()
    {
        var json = Load("a: yes\nb: on\nc: Y\nd: no\ne: OFF\nf: n\ng: 0777\nh: 1_000\ni: 0b101\nj: 0o17\nk: -0x10\nl: 08\nm: 'yes'\nn: yesterday\no: 0x\np: 1_0.5\n").Single().Json;

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("a").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("b").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("c").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("d").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("e").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("f").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("g").GetInt32(), Is.EqualTo(511), "a leading 0 is octal");
            Assert.That(root.GetProperty("h").GetInt32(), Is.EqualTo(1000), "underscores are dropped");
            Assert.That(root.GetProperty("i").GetInt32(), Is.EqualTo(5));
            Assert.That(root.GetProperty("j").GetInt32(), Is.EqualTo(15));
            Assert.That(root.GetProperty("k").GetInt32(), Is.EqualTo(-16));
            Assert.That(root.GetProperty("l").GetDouble(), Is.EqualTo(8), "not octal, so go-yaml reads it as a float");
            Assert.That(root.GetProperty("m").GetString(), Is.EqualTo("yes"));
            Assert.That(root.GetProperty("n").GetString(), Is.EqualTo("yesterday"));
            Assert.That(root.GetProperty("o").GetString(), Is.EqualTo("0x"));
            Assert.That(root.GetProperty("p").GetDouble(), Is.EqualTo(10.5));
        });
    }

    [Test]
    public void Anchors_aliases_and_merge_keys_are_resolved()
    {
        var json = Load("""
            base: &labels
              app: web
              tier: front
            copy: *labels
            merged:
              <<: *labels
              tier: back
            """).Single().Json;

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("copy").GetProperty("tier").GetString(), Is.EqualTo("front"));
            Assert.That(root.GetProperty("merged").GetProperty("app").GetString(), Is.EqualTo("web"));
            Assert.That(root.GetProperty("merged").GetProperty("tier").GetString(), Is.EqualTo("back"));
        });
    }

    [Test]
    public void Kind_list_gives_each_item()
    {
        var documents = Load("""
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
            """);

        Assert.That(documents.Select(d => d.Source), Is.EqualTo(new[] { "app.yaml#1.items[0]", "app.yaml#1.items[1]" }));
    }

    [Test]
    public void Json_file_is_read_as_json()
    {
        var documents = Load("""{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod"}]}""", "pods.json");

        Assert.That(documents.Single().Source, Is.EqualTo("pods.json#1.items[0]"));
    }

    [Test]
    public void A_list_in_a_list_gives_each_item_its_document_and_item_path()
    {
        var documents = ManifestLoader.Load("export.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: PodList
              items:
              - {apiVersion: v1, kind: Pod, metadata: {name: a}}
              - {apiVersion: v1, kind: Pod, metadata: {name: b}}
            - {apiVersion: v1, kind: Secret, metadata: {name: c}}
            """).Select(d => d.Address).ToList();

        Assert.That(documents, Is.EqualTo(new[]
        {
            new DocumentAddress("export.yaml", 1, ""),
            new DocumentAddress("export.yaml", 2, "items[0].items[0]"),
            new DocumentAddress("export.yaml", 2, "items[0].items[1]"),
            new DocumentAddress("export.yaml", 2, "items[1]"),
        }));
        Assert.That(documents.Select(d => (d.ToString(), d.InFile)), Is.EqualTo(new[]
        {
            ("export.yaml#1", "#1"),
            ("export.yaml#2.items[0].items[0]", "#2.items[0].items[0]"),
            ("export.yaml#2.items[0].items[1]", "#2.items[0].items[1]"),
            ("export.yaml#2.items[1]", "#2.items[1]"),
        }));
    }

    [TestCase("a: [1, 2\n", "app.yaml:2: not valid YAML: ")]
    [TestCase("a: b\n  c: d\n", "app.yaml:2: not valid YAML: ")]
    [TestCase("a: *missing\n", "app.yaml:1: alias *missing names no anchor")]
    [TestCase("? [a, b]\n: c\n", "app.yaml:1: a mapping key must be a plain value")]
    public void Bad_yaml_names_the_file_and_line(string text, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => Load(text));

        Assert.That(error!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Bad_json_names_the_file_and_line()
    {
        var error = Assert.Throws<ManifestException>(() => Load("{\n  \"kind\": \"Pod\",\n  oops\n}", "pod.json"));

        Assert.That(error!.Message, Does.StartWith("pod.json:3: not valid JSON: "));
    }

    [TestCase("deep.yaml", "a: ", "deep.yaml:1: nested more than 64 levels deep")]
    [TestCase("deep.json", "{\"a\": ", "deep.json:1: not valid JSON: The maximum configured depth of 64 has been exceeded")]
    public void Deep_nesting_is_refused_not_a_stack_overflow(string file, string start, string expected)
    {
        var text = start + new string('[', 100_000) + new string(']', 100_000) + (file.EndsWith(".json", StringComparison.Ordinal) ? "}" : string.Empty);

        var error = Assert.Throws<ManifestException>(() => Load(text, file));

        Assert.That(error!.Message, Does.StartWith(expected));
    }

    [Test]
    public void Alias_bomb_is_refused_not_expanded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var error = Assert.Throws<ManifestException>(() => Load(string.Join('\n', lines), "bomb.yaml"));

        Assert.That(error!.Message, Does.Contain("document too large after alias expansion"));
    }
}
