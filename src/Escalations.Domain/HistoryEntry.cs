namespace Escalations.Domain;

public enum ActorRole
{
    Agent,
    Supervisor,
    Management,
    System,
}

/// <summary>Who did something.</summary>
public sealed record Actor(ActorRole Role, string Id, string? Name = null)
{
    public static Actor System { get; } = new(ActorRole.System, "escalation-workflow");

    public static Actor For(Agent agent) => new(ActorRole.Agent, agent.Id, agent.Name);

    public static Actor For(SupervisorRef supervisor, ActorRole role = ActorRole.Supervisor) => new(role, supervisor.Id, supervisor.Name);
}

/// <summary>What kind of step a history entry records.</summary>
public enum HistoryAction
{
    SupervisorRequested,
    ClaimWarmTransferred,
    MedicalWarmTransferred,
    RoutedToOtherProtocol,
    ThreatDocumented,
    DeEscalated,
    DeEscalationFailed,
    SupervisorTookOver,
    CallbackRequestCreated,
    CallbackClaimed,
    BreachWarningSent,
    SlaBreached,
    CallbackCompleted,
    ManagementAssistanceRequested,
    Resolved,
    CustomerCalledAgain,
    /// <summary>A notification was emailed (channel Email); the summary names the recipients by role.</summary>
    Notified,
}

/// <summary>
/// One line of the account's Communication History Log: who did what, when, through which channel.
/// <see cref="Sequence"/> orders the entries of one escalation.
/// </summary>
public sealed record HistoryEntry(
    string EscalationId,
    string AccountId,
    int Sequence,
    DateTimeOffset At,
    Actor Actor,
    HistoryAction Action,
    Channel Channel,
    string Summary);
