using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>A supervisor who cannot resolve the issue asks the TS&amp;R Management Team.</summary>
public sealed record ManagementAssistanceRequest
{
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string SupervisorId { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? SupervisorName { get; init; }

    [Description("Why management is needed.")]
    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.RequiredTextPattern)]
    public required string Reason { get; init; }

    [Description("How the supervisor reached the Management Team, when not through this API; absent means through this API.")]
    public ContactChannel? Channel { get; init; }

    public static ManagementAssistanceRequest Example { get; } = new() { SupervisorId = "sup-1", Reason = "The caller asks for a refund beyond my approval limit.", Channel = ContactChannel.Chat };
}
