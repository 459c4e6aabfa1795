using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record ThreatsRequest
{
    public required IReadOnlyList<ThreatKind> Kinds { get; init; }
}
