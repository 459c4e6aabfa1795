namespace Escalations.Domain;

/// <summary>The domain's last line of defence on event contents; the HTTP layer validates the same and names fields.</summary>
public static class EventValidation
{
    public static string? Problem(EscalationEvent evt) => evt switch
    {
        _ when string.IsNullOrWhiteSpace(evt.EventId) => "An event needs an id.",
        _ when !Enum.IsDefined(evt.Channel) => $"Unknown channel {evt.Channel}.",
        EscalationRequested e => Intake(e),
        SupervisorPickedUp e => Supervisor(e.Supervisor),
        CallbackClaimed e => Supervisor(e.Supervisor),
        CallbackCompleted e => Supervisor(e.Supervisor),
        CallbackAttempted e => Supervisor(e.Supervisor) ?? (!Enum.IsDefined(e.Outcome) ? "Unknown callback outcome." : null),
        SupervisorGuidanceRequested e => Supervisor(e.Supervisor),
        ManagementAssistanceRequested e => Supervisor(e.Supervisor) ?? Required(e.Reason, "A request for management assistance needs a reason."),
        CustomerCalledAgain e => Required(e.ContactId, "A repeat call needs the contact id.") ?? Required(e.Agent?.Id, "A repeat call needs the agent's id."),
        ThreatsReported e => e.Kinds is null || e.Kinds.Count == 0 ? "Name at least one threat."
            : e.Kinds.Any(k => !Enum.IsDefined(k)) ? "Unknown threat kind." : null,
        EscalationResolved e => Required(e.By?.Id, "A resolution needs who resolved it.") ?? Required(e.Resolution, "A resolution needs a description."),
        TimerElapsed e => !Enum.IsDefined(e.Kind) ? "Unknown timer kind." : Required(e.Token, "A timer needs its token."),
        _ => null,
    };

    private static string? Intake(EscalationRequested e)
    {
        if (string.IsNullOrWhiteSpace(e.ContactId)) return "An escalation needs the contact id.";
        if (string.IsNullOrWhiteSpace(e.AccountId)) return "An escalation needs the account id.";
        if (e.Agent is null || string.IsNullOrWhiteSpace(e.Agent.Id)) return "An escalation needs the agent's id.";
        if (!Enum.IsDefined(e.Agent.Affiliation)) return "Unknown agent affiliation.";
        if (e.Agent.IsBpo && string.IsNullOrWhiteSpace(e.Agent.Vendor)) return "A BPO agent needs a vendor.";
        if (!e.Agent.IsBpo && e.Agent.Vendor is not null) return "An in-house agent has no vendor.";
        if (!Enum.IsDefined(e.Category)) return "Unknown request category.";
        if (e.Disclosure is { } d && !Enum.IsDefined(d)) return "Unknown disclosure.";
        if (e.Threats is { } t && t.Any(k => !Enum.IsDefined(k))) return "Unknown threat kind.";
        return null;
    }

    private static string? Supervisor(SupervisorRef? supervisor) => Required(supervisor?.Id, "A supervisor id is required.");

    private static string? Required(string? value, string problem) => string.IsNullOrWhiteSpace(value) ? problem : null;
}
