using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Escalations.Domain;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>The agent who took the call.</summary>
public sealed record AgentBody
{
    [Description("The agent's id in the contact-center platform.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string Id { get; init; }

    [Description("The agent's name, as supervisors should see it.")]
    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public required string Name { get; init; }

    [Description("inHouse, or bpo for an outsourced agent (then vendor is required).")]
    public required AgentAffiliation Affiliation { get; init; }

    [Description("The BPO vendor: required for bpo agents, absent for in-house ones. Picks the vendor's supervisors to email.")]
    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? Vendor { get; init; }
}
