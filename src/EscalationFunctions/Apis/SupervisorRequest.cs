using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>A supervisor acting on the escalation (pickup, callback claim).</summary>
public sealed record SupervisorRequest
{
    [Description("The supervisor's id; emails to them use Routing:Supervisors.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string SupervisorId { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? SupervisorName { get; init; }

    public static SupervisorRequest Example { get; } = new() { SupervisorId = "sup-1", SupervisorName = "Pat Lee" };
}
