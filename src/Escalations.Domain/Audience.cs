namespace Escalations.Domain;

/// <summary>Who, by role, a notification goes to. Resolved against the escalation when the notification is raised.</summary>
public enum Audience
{
    /// <summary>The agent's supervisors: the vendor's for a BPO agent, the in-house team otherwise.</summary>
    AgentSupervisors,
    /// <summary>The supervisor who took the call or owns the callback; the agent's supervisors while nobody does.</summary>
    ResponsibleSupervisor,
    ManagementTeam,
}
