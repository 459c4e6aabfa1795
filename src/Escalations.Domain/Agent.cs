namespace Escalations.Domain;

public enum AgentAffiliation
{
    InHouse,
    /// <summary>An outsourced agent working for a vendor; their supervisors are reached by email.</summary>
    Bpo,
}

/// <summary>The TS&amp;R agent who took the call.</summary>
public sealed record Agent(string Id, string Name, AgentAffiliation Affiliation, string? Vendor = null)
{
    public bool IsBpo => Affiliation == AgentAffiliation.Bpo;
}

/// <summary>A supervisor or management member acting on an escalation.</summary>
public sealed record SupervisorRef(string Id, string? Name = null)
{
    public override string ToString() => Name is null ? Id : $"{Name} ({Id})";
}
