using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>The agent's attempt to de-escalate.</summary>
public sealed record DeEscalationRequest
{
    [Description("true closes the escalation; false puts the caller on hold for a supervisor.")]
    public required bool Resolved { get; init; }

    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    public static DeEscalationRequest Example { get; } = new() { Resolved = false, Notes = "The caller still wants a supervisor." };
}
