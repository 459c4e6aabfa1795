namespace Escalations.Runtime.Storage;

/// <summary>A page of results and the token for the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
