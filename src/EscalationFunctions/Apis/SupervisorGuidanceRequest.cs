using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>While de-escalating, the agent asked a supervisor for guidance; the agent keeps the call.</summary>
public sealed record SupervisorGuidanceRequest
{
    [Description("The supervisor the agent asked for advice.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string SupervisorId { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? SupervisorName { get; init; }

    [Description("How the agent reached the supervisor; left out, through the contact-center platform.")]
    public ContactChannel? Channel { get; init; }

    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    public static SupervisorGuidanceRequest Example { get; } = new() { SupervisorId = "sup-1", Channel = ContactChannel.Chat, Notes = "Asked whether a loyalty discount applies." };
}
