using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Escalations.Domain;

namespace EscalationFunctions.Apis;

/// <summary>The caller threatened the BBB, a lawyer or social media.</summary>
public sealed record ThreatsRequest
{
    [Description("One to ten threat kinds; a kind already flagged changes nothing.")]
    [Length(1, 10)]
    public required IReadOnlyList<ThreatKind> Kinds { get; init; }

    public static ThreatsRequest Example { get; } = new() { Kinds = [ThreatKind.SocialMedia] };
}
