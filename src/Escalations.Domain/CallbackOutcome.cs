namespace Escalations.Domain;

/// <summary>How a callback attempt that did not reach the customer ended.</summary>
public enum CallbackOutcome
{
    NoAnswer,
    VoicemailLeft,
    /// <summary>The number on the request is not the customer's: the agent's supervisors are asked to correct it.</summary>
    WrongNumber,
}
