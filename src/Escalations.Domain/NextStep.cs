namespace Escalations.Domain;

public enum NextAction
{
    AttemptDeEscalation,
    WarmTransferToCustomerService,
    WarmTransferMedicalEmergency,
    FollowOtherProtocol,
    HoldForSupervisor,
    SupervisorTakingOver,
    ExplainCallbackTurnaround,
    ManagementEngaged,
    None,
}

/// <summary>What the agent does next and, where there is one, the line to say to the caller.</summary>
public sealed record NextStep(NextAction Action, string Instruction, string? CallerScript = null)
{
    public static NextStep None { get; } = new(NextAction.None, "Nothing further: the escalation is closed.");
}

/// <summary>The Supervisor Call Back Follow-Up Request.</summary>
public sealed record CallbackRequest(
    DateTimeOffset RequestedAt,
    DateTimeOffset DueAt,
    SupervisorRef? Owner = null,
    DateTimeOffset? WarningSentAt = null,
    DateTimeOffset? BreachedAt = null,
    DateTimeOffset? CompletedAt = null);

public sealed record Resolution(Actor By, string Text, DateTimeOffset At);

/// <summary>Why, by whom and when the TS&amp;R Management Team was asked to help.</summary>
public sealed record ManagementRequest(SupervisorRef By, string Reason, DateTimeOffset At);
