namespace Escalations.Domain;

public enum AgentAffiliation
{
    InHouse,
    /// <summary>An outsourced agent working for a vendor; their supervisors are reached by email.</summary>
    Bpo,
}
