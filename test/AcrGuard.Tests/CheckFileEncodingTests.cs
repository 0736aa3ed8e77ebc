using System.Text;

namespace AcrGuard.Tests;

/// <summary>
/// A file is parsed from its bytes (not first made one string): it must read exactly as its
/// text would, whatever its encoding marks, its invalid bytes or its first characters say.
/// </summary>
public class CheckFileEncodingTests
{
    // The file's report, and the report of the same text on stdin, with stdin's name ("-") put back to the file's.
    private static (CliRun File, CliRun Text) Both(string name, byte[] bytes)
    {
        var file = CliRun.TempFile(name, string.Empty);
        File.WriteAllBytes(file, bytes);
        var text = File.ReadAllText(file, Manifests.ManifestLoader.Utf8);
        var stdin = CliRun.WithStdin(text.TrimStart('\uFEFF'), "check", "-");
        var asFile = stdin with { Stdout = stdin.Stdout.Replace("-#", $"{file}#", StringComparison.Ordinal), Stderr = stdin.Stderr.Replace("acrguard: -:", $"acrguard: {file}:", StringComparison.Ordinal) };
        return (CliRun.Of("check", file), asFile);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void AssertSame((CliRun File, CliRun Text) runs)
    {
        Assert.Multiple(() =>
        {
            Assert.That(runs.File.Stdout, Is.EqualTo(runs.Text.Stdout));
            Assert.That(runs.File.Stderr, Is.EqualTo(runs.Text.Stderr));
            Assert.That(runs.File.ExitCode, Is.EqualTo(runs.Text.ExitCode));
        });
    }

    [Test]
    public void A_utf8_byte_order_mark_is_not_content()
    {
        var runs = Both("app.yaml", [0xEF, 0xBB, 0xBF, .. Utf8(TestManifests.MisplacedDeployment)]);

        AssertSame(runs);
        Assert.That(runs.File.Stdout, Does.Contain("Deployment default/web: denied"));
    }

    [Test]
    public void A_utf16_file_with_its_byte_order_mark_is_read_as_utf16()
    {
        var runs = Both("app.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(TestManifests.MisplacedDeployment)]);

        AssertSame(runs);
        Assert.That(runs.File.Stdout, Does.Contain("Deployment default/web: denied"));
    }

    [Test]
    public void Invalid_utf8_reads_as_replacement_characters_as_in_the_text()
    {
        var bytes = Utf8(TestManifests.MisplacedDeployment.Replace("name: web", "name: web-@", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)'@')] = 0xFF;

        var runs = Both("app.yaml", bytes);

        AssertSame(runs);
        Assert.That(runs.File.Stdout, Does.Contain("Deployment default/web-\uFFFD: denied"));
    }

    [Test]
    public void A_file_whose_first_character_is_a_brace_is_json_whatever_its_name()
    {
        var json = "\n  {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"web\", \"namespace\": \"shop\"},\n" +
            "\"spec\": {\"containers\": [{\"name\": \"app\", \"image\": \"nginx:1.27\"}]}}";

        var runs = Both("pod.yaml", Utf8(json));

        AssertSame(runs);
        Assert.That(runs.File.Stdout, Does.Contain("Pod shop/web: ok"));
    }

    [Test]
    public void A_json_error_names_the_file_and_line()
    {
        var runs = Both("pod.yaml", Utf8("{\"apiVersion\": \"v1\",\n \"kind\": }"));

        AssertSame(runs);
        Assert.That(runs.File.Stderr, Does.Contain(":2: not valid JSON"));
    }

    [Test]
    public void A_file_that_starts_with_a_no_break_space_is_judged_as_its_text_is()
    {
        var runs = Both("pod.yaml", Utf8("\u00a0{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"web\"}, \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"nginx\"}]}}"));

        AssertSame(runs);
    }

    [Test]
    public void A_yaml_error_names_the_file_and_line()
    {
        var runs = Both("app.yaml", Utf8("apiVersion: v1\nkind: Pod\nmetadata: [\n"));

        AssertSame(runs);
        Assert.That(runs.File.Stderr, Does.Contain("app.yaml:"));
        Assert.That(runs.File.ExitCode, Is.EqualTo(2));
    }
}
