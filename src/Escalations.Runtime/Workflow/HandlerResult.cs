using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>What to do with a queue message after handling it: delete it, or let it come back after a delay.</summary>
public sealed record HandlerResult(TimeSpan? RetryAfter)
{
    public static HandlerResult Done { get; } = new((TimeSpan?)null);

    public static HandlerResult Later(TimeSpan delay) => new(WorkQueues.Clamp(delay));
}
