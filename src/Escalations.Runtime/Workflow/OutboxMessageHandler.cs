using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>
/// Re-drives an escalation's outbox. Callable from the standalone pump and from a Functions queue trigger alike.
/// While this process's own dispatch worker still holds effects of the escalation (a burst of notifications
/// waiting for the send rate), the message is put back for later instead of competing with it.
/// </summary>
public sealed class OutboxMessageHandler(EffectDispatcher dispatcher, InProcessDispatch inProcess, RuntimeOptions options)
{
    public async Task<HandlerResult> HandleAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValidEscalationId(message.EscalationId)) return HandlerResult.Done;
        if (inProcess.IsPending(message.EscalationId)) return HandlerResult.Later(options.DispatchGrace);
        var retryIn = await dispatcher.DispatchPendingAsync(message.EscalationId, cancellationToken).ConfigureAwait(false);
        return retryIn is { } delay ? HandlerResult.Later(delay) : HandlerResult.Done;
    }
}
