using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>No supervisor can take the call; the body is optional.</summary>
public sealed record NoSupervisorRequest
{
    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    public static NoSupervisorRequest Example { get; } = new() { Notes = "All supervisors are on other calls." };
}
