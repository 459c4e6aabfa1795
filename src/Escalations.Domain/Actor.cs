namespace Escalations.Domain;

/// <summary>Who did something.</summary>
public sealed record Actor(ActorRole Role, string Id, string? Name = null)
{
    public static Actor System { get; } = new(ActorRole.System, "escalation-workflow");

    public static Actor For(Agent agent) => new(ActorRole.Agent, agent.Id, agent.Name);

    public static Actor For(SupervisorRef supervisor, ActorRole role = ActorRole.Supervisor) => new(role, supervisor.Id, supervisor.Name);
}
