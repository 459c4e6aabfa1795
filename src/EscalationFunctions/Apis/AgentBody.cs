using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record AgentBody
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required AgentAffiliation Affiliation { get; init; }
    public string? Vendor { get; init; }
}
