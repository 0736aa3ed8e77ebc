using System.Text;

namespace AcrGuard.LoadDriver;

/// <summary>
/// One kind of request of the mix and the answer it must get. The body is stored around its
/// uid, so that every request carries a uid of its own and the echo can be checked.
/// </summary>
internal sealed record ReviewCase(string Name, string Path, string ContentType, byte[] Prefix, byte[] Suffix, int ExpectedStatus)
{
    /// <summary>The expected <c>response.allowed</c>; null for a body that is not a review (no verdict).</summary>
    public bool? ExpectedAllowed { get; init; }

    /// <summary>Whether <c>response.warnings</c> must be non-empty (null: not checked).</summary>
    public bool? ExpectWarnings { get; init; }

    public const string UidPlaceholder = "@@UID@@";

    public static ReviewCase Review(string name, string path, string json, bool allowed, bool warnings)
    {
        var at = json.IndexOf(UidPlaceholder, StringComparison.Ordinal);
        return new ReviewCase(name, path, "application/json", Encoding.UTF8.GetBytes(json[..at]), Encoding.UTF8.GetBytes(json[(at + UidPlaceholder.Length)..]), 200)
        {
            ExpectedAllowed = allowed,
            ExpectWarnings = warnings,
        };
    }

    public static ReviewCase BadBody(string name, string contentType, string body) =>
        new(name, "/validate/enforce", contentType, Encoding.UTF8.GetBytes(body), [], 400);

    public bool CarriesUid => ExpectedAllowed is not null;

    public byte[] Body(string uid)
    {
        if (!CarriesUid)
        {
            return Prefix;
        }

        var id = Encoding.UTF8.GetBytes(uid);
        var body = new byte[Prefix.Length + id.Length + Suffix.Length];
        Prefix.CopyTo(body, 0);
        id.CopyTo(body, Prefix.Length);
        Suffix.CopyTo(body, Prefix.Length + id.Length);
        return body;
    }
}
