using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record CallbackAttemptRequest
{
    public required string SupervisorId { get; init; }
    public string? SupervisorName { get; init; }
    public required CallbackOutcome Outcome { get; init; }
    /// <summary>When the call was made. Two attempts differ by their time; a retried request is the same attempt.</summary>
    public required DateTimeOffset AttemptedAt { get; init; }
    public string? Notes { get; init; }
}
