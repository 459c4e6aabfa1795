namespace Escalations.Domain;

public static class EscalationStatusExtensions
{
    public static bool IsTerminal(this EscalationStatus status) => status is
        EscalationStatus.Resolved or EscalationStatus.ClaimTransferred or
        EscalationStatus.MedicalTransferred or EscalationStatus.RoutedToOtherProtocol;

    public static bool IsOpen(this EscalationStatus status) => status != EscalationStatus.New && !status.IsTerminal();

    public static IReadOnlyList<EscalationStatus> OpenStates { get; } =
        Enum.GetValues<EscalationStatus>().Where(IsOpen).ToArray();
}
