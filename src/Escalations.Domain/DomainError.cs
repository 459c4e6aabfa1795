namespace Escalations.Domain;

/// <summary>Why a move was refused. <see cref="Status"/> is the state that refused it.</summary>
public sealed record DomainError(string Code, string Message, EscalationStatus Status)
{
    public const string InvalidTransition = "invalid-transition";
    public const string InvalidEvent = "invalid-event";
}
