namespace Escalations.Domain;

/// <summary>The TS&amp;R agent who took the call.</summary>
public sealed record Agent(string Id, string Name, AgentAffiliation Affiliation, string? Vendor = null)
{
    public bool IsBpo => Affiliation == AgentAffiliation.Bpo;
}
