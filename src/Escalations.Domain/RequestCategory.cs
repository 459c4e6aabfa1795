namespace Escalations.Domain;

/// <summary>What the caller's request is about, as the agent reports it.</summary>
public enum RequestCategory
{
    General,
    /// <summary>A claim-related issue: Customer Service, not a TS&amp;R supervisor, handles it.</summary>
    Claim,
}
