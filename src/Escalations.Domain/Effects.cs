namespace Escalations.Domain;

public enum TimerKind
{
    /// <summary>The caller has held for a supervisor as long as they may.</summary>
    SupervisorHold,
    /// <summary>The pre-breach reminder to whoever owns the callback.</summary>
    BreachWarning,
    /// <summary>The callback's due time: past it the SLA is breached.</summary>
    CallbackSla,
}

public enum NotificationKind
{
    /// <summary>The Supervisor Call Back Follow-Up Request, emailed to a BPO vendor's supervisors.</summary>
    CallbackRequest,
    ThreatFlagged,
    BreachWarning,
    SlaBreached,
    ManagementAssistanceRequested,
    /// <summary>The customer called again while the callback is open: its owner is told.</summary>
    CustomerCalledAgain,
}

/// <summary>Who receives a notification, as a role the notification layer turns into addresses.</summary>
public enum RecipientRole
{
    /// <summary>The supervisors of a BPO vendor (see <see cref="Recipient.Vendor"/>).</summary>
    VendorSupervisors,
    /// <summary>The in-house TS&amp;R supervisors.</summary>
    InHouseSupervisors,
    /// <summary>One supervisor (see <see cref="Recipient.SupervisorId"/>).</summary>
    Supervisor,
    ManagementTeam,
}

public sealed record Recipient(RecipientRole Role, string? Vendor = null, string? SupervisorId = null)
{
    public override string ToString() => Role switch
    {
        RecipientRole.VendorSupervisors => $"{Vendor} supervisors",
        RecipientRole.Supervisor => $"supervisor {SupervisorId}",
        RecipientRole.InHouseSupervisors => "in-house supervisors",
        _ => "TS&R Management Team",
    };
}

/// <summary>A side effect a transition asks for. The runtime performs effects after the new state is stored.</summary>
public abstract record Effect;

/// <summary>Append one entry to the account's Communication History Log.</summary>
public sealed record HistoryRecorded(HistoryEntry Entry) : Effect;

/// <summary>Send one notification. <see cref="IdempotencyKey"/> is unique per escalation and notification.</summary>
public sealed record EmailRequested(NotificationKind Kind, Recipient To, string IdempotencyKey) : Effect;

public sealed record TimerScheduled(TimerKind Kind, string Token, DateTimeOffset DueAt) : Effect;

/// <summary>A timer no longer wanted. Its message may still arrive; the stale token makes it a no-op.</summary>
public sealed record TimerCancelled(TimerKind Kind, string Token) : Effect;

/// <summary>A durable timer the escalation is waiting on.</summary>
public sealed record PendingTimer(TimerKind Kind, string Token, DateTimeOffset DueAt);
