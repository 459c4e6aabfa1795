using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Escalations.Domain;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>A caller asked for a supervisor (or disclosed something routed to another protocol).</summary>
public sealed record StartEscalationRequest
{
    [Description("The platform's contact id: a retried intake with the same contactId is the same escalation.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string ContactId { get; init; }

    [Description("The customer's account: the Communication History Log is kept per account.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string AccountId { get; init; }

    public required AgentBody Agent { get; init; }

    [Description("claim sends the call to Customer Service; general starts the supervisor-request process.")]
    public required RequestCategory Category { get; init; }

    [Description("Set only when the caller disclosed one: routes the call to its protocol, and no free text of the request is kept.")]
    public Disclosure? Disclosure { get; init; }

    [Description("A service request is already in progress (medical Scenario 2).")]
    public bool? ServiceRequestInProgress { get; init; }

    [Description("Threats the caller made; repeated kinds count once.")]
    [MaxLength(10)]
    public IReadOnlyList<ThreatKind>? Threats { get; init; }

    [Description("Where the supervisor should call back.")]
    [RegularExpression(RequestRules.PhonePattern)]
    public string? CallbackPhone { get; init; }

    [Description("The agent's notes; dropped when there is a disclosure.")]
    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.TextPattern)]
    public string? Notes { get; init; }

    /// <summary>A general request from an in-house agent: what the reference page's "Test request" sends.</summary>
    public static StartEscalationRequest Example { get; } = new()
    {
        ContactId = "cx-1001",
        AccountId = "A-778",
        Agent = new AgentBody { Id = "ag-17", Name = "Sam Rivera", Affiliation = AgentAffiliation.InHouse },
        Category = RequestCategory.General,
        CallbackPhone = "+1 555 0100",
        Notes = "Disputes the renewal price.",
    };
}
