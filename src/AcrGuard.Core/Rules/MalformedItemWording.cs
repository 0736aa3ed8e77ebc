namespace AcrGuard.Rules;

/// <summary>
/// The three things a malformed item of a list annotation can be told (AG005, AG006): one wording,
/// read by the rule and by the CEL that <c>acrguard vap</c> generates, so the two cannot drift apart.
/// </summary>
internal sealed record MalformedItemWording(string Empty, string Masked, string Invalid);
