namespace Escalations.Domain;

/// <summary>Who receives each notification kind (configuration section <c>Escalation:Recipients</c>).</summary>
public sealed class NotificationAudiences
{
    public Audience CallbackRequest { get; set; } = Audience.AgentSupervisors;
    public Audience ThreatFlagged { get; set; } = Audience.ResponsibleSupervisor;
    public Audience BreachWarning { get; set; } = Audience.ResponsibleSupervisor;
    public Audience SlaBreached { get; set; } = Audience.ManagementTeam;
    public Audience ManagementAssistanceRequested { get; set; } = Audience.ManagementTeam;
    public Audience CustomerCalledAgain { get; set; } = Audience.ResponsibleSupervisor;
    public Audience CallbackNumberWrong { get; set; } = Audience.AgentSupervisors;

    public Audience For(NotificationKind kind) => kind switch
    {
        NotificationKind.CallbackRequest => CallbackRequest,
        NotificationKind.ThreatFlagged => ThreatFlagged,
        NotificationKind.BreachWarning => BreachWarning,
        NotificationKind.SlaBreached => SlaBreached,
        NotificationKind.ManagementAssistanceRequested => ManagementAssistanceRequested,
        NotificationKind.CustomerCalledAgain => CustomerCalledAgain,
        NotificationKind.CallbackNumberWrong => CallbackNumberWrong,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
