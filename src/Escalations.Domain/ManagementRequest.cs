namespace Escalations.Domain;

/// <summary>Why, by whom and when the TS&amp;R Management Team was asked to help.</summary>
public sealed record ManagementRequest(SupervisorRef By, string Reason, DateTimeOffset At);
