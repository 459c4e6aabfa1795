namespace Escalations.Domain;

/// <summary>A supervisor or management member acting on an escalation.</summary>
public sealed record SupervisorRef(string Id, string? Name = null)
{
    public override string ToString() => Name is null ? Id : $"{Name} ({Id})";
}
