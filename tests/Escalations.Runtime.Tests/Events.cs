using Escalations.Domain;

namespace Escalations.Runtime.Tests;

/// <summary>Events with fresh ids, as the HTTP layer will send them.</summary>
public static class Events
{
    public static readonly Agent InHouse = new("agent-1", "Dana Agent", AgentAffiliation.InHouse);
    public static readonly Agent Bpo = new("agent-2", "Sam Outsourced", AgentAffiliation.Bpo, "Acme");
    public static readonly SupervisorRef Sup1 = new("sup-1", "Pat Super");

    private static string Id() => Guid.NewGuid().ToString("N");

    public static EscalationRequested Intake(Agent? agent = null, string account = "acct-1", string contact = "contact-1", ThreatKind[]? threats = null) =>
        new(contact, account, agent ?? InHouse, RequestCategory.General, Threats: threats, CallbackPhone: "+1 555 0100") { EventId = Id() };

    public static DeEscalationAttempted NotDeEscalated() => new(false) { EventId = Id() };
    public static NoSupervisorAvailable NoSupervisor() => new() { EventId = Id() };
    public static SupervisorPickedUp PickUp(string supervisorId) => new(new SupervisorRef(supervisorId)) { EventId = Id(), Channel = Channel.Api };
    public static CallbackCompleted Complete(bool resolved) => new(Sup1, resolved) { EventId = Id(), Channel = Channel.Api };

    public static string NewEscalationId() => "esc-" + Guid.NewGuid().ToString("N")[..16];
}
