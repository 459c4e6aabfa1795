namespace Escalations.Domain;

/// <summary>The customer called again about an escalation whose callback is still open; no second callback clock starts.</summary>
public sealed record CustomerCalledAgain(string ContactId, Agent Agent) : EscalationEvent;
