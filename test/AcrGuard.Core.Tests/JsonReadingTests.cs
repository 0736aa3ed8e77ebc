using System.Text;
using System.Text.Json;
using AcrGuard.Json;
using AcrGuard.Manifests;
using AcrGuard.Workloads;

namespace AcrGuard.Core.Tests;

/// <summary>The reading every JSON input shares: one depth, one wording, strings that are not UTF-8 refused by name.</summary>
public class JsonReadingTests
{
    [Test]
    public void An_object_whose_header_is_not_utf8_is_unreadable_naming_the_field()
    {
        // "kind": "Po\xFF": the reader accepts the structure, transcoding finds the byte.
        var json = Encoding.UTF8.GetBytes("""{"apiVersion":"v1","kind":"Po?","metadata":{}}""");
        json[Array.IndexOf(json, (byte)'?')] = 0xFF;

        var error = Assert.Throws<UnreadableObjectException>(() => ObjectReader.Read(json));

        Assert.That(error!.Message, Is.EqualTo("kind is not valid UTF-8"));
    }

    [Test]
    public void A_string_that_is_not_utf8_is_reported_not_thrown()
    {
        var json = "\"a?\""u8.ToArray();
        json[2] = 0xC3;
        var reader = new Utf8JsonReader(json);
        reader.Read();

        Assert.That(JsonReading.TryGetString(ref reader, out var text), Is.False);
        Assert.That(text, Is.Null);
    }

    [Test]
    public void Yaml_and_json_manifests_stop_at_the_same_depth()
    {
        var yaml = string.Concat(Enumerable.Range(0, JsonReading.MaxDepth + 1).Select(i => new string(' ', 2 * i) + "a:\n")) + "  x: 1\n";
        var json = string.Concat(Enumerable.Repeat("{\"a\": ", JsonReading.MaxDepth + 1)) + "1" + new string('}', JsonReading.MaxDepth + 1);

        Assert.That(() => ManifestLoader.Load("deep.yaml", yaml).ToList(), Throws.TypeOf<ManifestException>().With.Message.Contains($"nested more than {JsonReading.MaxDepth} levels"));
        Assert.That(() => ManifestLoader.Load("deep.json", json).ToList(), Throws.TypeOf<ManifestException>().With.Message.Contains($"depth of {JsonReading.MaxDepth}"));
    }

    [TestCase("[]", "a list")]
    [TestCase("\"x\"", "a string")]
    [TestCase("1", "a number")]
    [TestCase("true", "a boolean")]
    [TestCase("null", "null")]
    public void A_value_that_is_not_an_object_is_named_the_way_the_review_decoder_names_it(string value, string named)
    {
        var error = Assert.Throws<UnreadableObjectException>(() => ObjectReader.Read(Encoding.UTF8.GetBytes(value)));

        Assert.That(error!.Message, Is.EqualTo($"not a Kubernetes object: expected a JSON object, found {named}"));
        Assert.That(JsonReading.Describe(Token(value)), Is.EqualTo(named));
    }

    private static JsonTokenType Token(string value)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
        reader.Read();
        return reader.TokenType;
    }
}
