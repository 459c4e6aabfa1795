namespace EscalationFunctions.Apis;

public sealed record PageView<T>(IReadOnlyList<T> Items, string? Next);
