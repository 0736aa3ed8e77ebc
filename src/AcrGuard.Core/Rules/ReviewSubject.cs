using AcrGuard.Workloads;

namespace AcrGuard.Rules;

/// <summary>What the rules judge: an object, and on UPDATE the object it replaces.</summary>
public sealed record ReviewSubject(ReviewedObject Current, ReviewedObject? Old = null);
