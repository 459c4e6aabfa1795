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
