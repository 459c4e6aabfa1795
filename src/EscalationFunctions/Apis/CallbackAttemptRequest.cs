using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Escalations.Domain;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>A callback call that did not reach the customer.</summary>
public sealed record CallbackAttemptRequest
{
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string SupervisorId { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? SupervisorName { get; init; }

    [Description("What happened: wrongNumber also emails the agent's supervisors.")]
    public required CallbackOutcome Outcome { get; init; }

    /// <summary>When the call was made. Two attempts differ by their time; a retried request is the same attempt.</summary>
    [Description("When the call was made. Two attempts differ by their time; a retried request is the same attempt.")]
    public required DateTimeOffset AttemptedAt { get; init; }

    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    public static CallbackAttemptRequest Example { get; } = new()
    {
        SupervisorId = "sup-1", Outcome = CallbackOutcome.NoAnswer, AttemptedAt = new DateTimeOffset(2026, 1, 5, 15, 30, 0, TimeSpan.Zero), Notes = "Rang out; will try again.",
    };
}
