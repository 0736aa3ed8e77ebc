namespace AcrGuard.Manifests;

/// <summary>
/// YamlDotNet 18 throws, on some malformed input, exceptions other than YamlException:
/// InvalidOperationException from Scanner.ScanPlainScalar and ArgumentException from TagName
/// ("Global tags must be valid URIs"), both found by fuzzing (test/fuzz, inputs in
/// test/AcrGuard.Tests/assets/fuzz). They mean "not valid YAML", never a crash.
/// </summary>
public static class YamlParserFaults
{
    public static bool IsMalformedInput(Exception e) =>
        e is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException;
}
