using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>The supervisor made the callback.</summary>
public sealed record CompleteCallbackRequest
{
    [Description("The supervisor who called back.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string SupervisorId { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? SupervisorName { get; init; }

    [Description("true closes the escalation; false brings in the TS&R Management Team.")]
    public required bool Resolved { get; init; }

    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    public static CompleteCallbackRequest Example { get; } = new() { SupervisorId = "sup-1", SupervisorName = "Pat Lee", Resolved = true, Notes = "Called back; the billing date was moved." };
}
