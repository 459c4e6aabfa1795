namespace Escalations.Domain;

public sealed class NotificationAudiences
{
    public Audience CallbackRequest { get; set; } = Audience.AgentSupervisors;
    public Audience ThreatFlagged { get; set; } = Audience.ResponsibleSupervisor;
    public Audience BreachWarning { get; set; } = Audience.ResponsibleSupervisor;
    public Audience SlaBreached { get; set; } = Audience.ManagementTeam;
    public Audience ManagementAssistanceRequested { get; set; } = Audience.ManagementTeam;
    public Audience CustomerCalledAgain { get; set; } = Audience.ResponsibleSupervisor;

    public Audience For(NotificationKind kind) => kind switch
    {
        NotificationKind.CallbackRequest => CallbackRequest,
        NotificationKind.ThreatFlagged => ThreatFlagged,
        NotificationKind.BreachWarning => BreachWarning,
        NotificationKind.SlaBreached => SlaBreached,
        NotificationKind.ManagementAssistanceRequested => ManagementAssistanceRequested,
        NotificationKind.CustomerCalledAgain => CustomerCalledAgain,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
