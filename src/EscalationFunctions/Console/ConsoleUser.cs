using Escalations.Domain;

namespace EscalationFunctions.Console;

/// <summary>The signed-in person: actions in the console and through email links are performed as them.</summary>
public sealed record ConsoleUser(string Id, string Name, bool IsManager)
{
    public SupervisorRef AsSupervisor() => new(Id, Name);
}
