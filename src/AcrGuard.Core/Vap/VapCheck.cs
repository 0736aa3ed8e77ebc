namespace AcrGuard.Vap;

/// <summary>
/// One validation of a rule: a CEL list of its findings on an object, each <c>[path, message]</c>
/// with the path and message the webhook gives. A check that is <see cref="AtMostWarning"/> never
/// denies whatever the rule's configured severity (AG001's harmless copy).
/// </summary>
internal sealed record VapCheck(string Name, Func<VapScope, Subject, string> Findings, bool AtMostWarning = false);
