namespace Escalations.Domain;

/// <summary>What the agent does next and, where there is one, the line to say to the caller.</summary>
public sealed record NextStep(NextAction Action, string Instruction, string? CallerScript = null)
{
    public static NextStep None { get; } = new(NextAction.None, "Nothing further: the escalation is closed.");
}
