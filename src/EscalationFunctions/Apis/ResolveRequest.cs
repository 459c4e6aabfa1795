using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using EscalationFunctions.Http;

namespace EscalationFunctions.Apis;

/// <summary>Close the escalation as resolved.</summary>
public sealed record ResolveRequest
{
    [Description("Who resolved it: a supervisor's or manager's id.")]
    [MaxLength(RequestRules.MaxIdLength), RegularExpression(RequestRules.IdPattern)]
    public required string By { get; init; }

    [MaxLength(RequestRules.MaxNameLength), RegularExpression(RequestRules.NamePattern)]
    public string? ByName { get; init; }

    [Description("How it was resolved.")]
    [MaxLength(RequestRules.MaxTextLength), RegularExpression(RequestRules.RequiredTextPattern)]
    public required string Resolution { get; init; }

    public static ResolveRequest Example { get; } = new() { By = "sup-1", ByName = "Pat Lee", Resolution = "Explained the new rate and applied a courtesy credit." };
}
