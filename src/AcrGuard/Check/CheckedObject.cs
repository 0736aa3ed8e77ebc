using AcrGuard.Findings;
using AcrGuard.Workloads;

namespace AcrGuard.Check;

/// <summary>One object of the input with its verdict; <see cref="InScope"/> is false for kinds AcrGuard does not judge.</summary>
public sealed record CheckedObject(string File, string Source, int Line, ObjectIdentity Identity, bool InScope, Verdict Verdict);
