namespace EscalationFunctions.Apis;

public sealed record ResolveRequest
{
    public required string By { get; init; }
    public string? ByName { get; init; }
    public required string Resolution { get; init; }
}
