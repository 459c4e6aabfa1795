using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Hosting;

/// <summary>
/// Performs committed effects off the request path, in this process, right after each commit. Timers and
/// projections run first, up to <see cref="RuntimeOptions.DispatchConcurrency"/> commits at a time; notifications
/// and follow-up records (the calls to other systems) then go to a few lanes of their own, so a slow mail relay,
/// the send-rate limit or a slow QuickBase never holds up the work queues or the timers. When a commit's effects are all done its backstop message is deleted; what fails is
/// retried through that message with back-off. Runs under the Functions host too, where the outbox queue
/// trigger is the backstop.
/// </summary>
public sealed partial class DispatchWorker(
    InProcessDispatch queue,
    EffectDispatcher dispatcher,
    WorkQueues queues,
    RuntimeOptions options,
    TimeProvider time,
    ILogger<DispatchWorker> logger) : BackgroundService
{
    /// <summary>Notifications and follow-up records sent at once by this process (the SMTP sender pools its connections behind them).</summary>
    public const int NotificationLanes = 4;

    private readonly Channel<(DispatchWork Work, DispatchPass Pass, List<OutboxRow> Rows)> _notifications =
        Channel.CreateBounded<(DispatchWork, DispatchPass, List<OutboxRow>)>(InProcessDispatch.Capacity);
    private Task? _running;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = RunAsync(stoppingToken);
        return _running;
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var lanes = Enumerable.Range(0, NotificationLanes).Select(_ => Task.Run(() => NotificationLaneAsync(stoppingToken), CancellationToken.None)).ToArray();
        var effects = Enumerable.Range(0, options.DispatchConcurrency).Select(_ => Task.Run(() => EffectsLoopAsync(stoppingToken), CancellationToken.None)).ToArray();
        await Task.WhenAll(effects).ConfigureAwait(false);
        _notifications.Writer.TryComplete();
        await Task.WhenAll(lanes).ConfigureAwait(false);
    }

    /// <summary>Finishes what was handed over while the host allows; whatever is cut short is re-driven by its backstop message.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (_running is { } running)
            await Task.WhenAny(running, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EffectsLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var handedOn = false;
            try
            {
                handedOn = await PerformEffectsAsync(work, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDeferred(work.EscalationId, StorageErrors.Describe(ex));
            }
            finally
            {
                if (!handedOn) queue.Finished(work);
            }
        }
    }

    /// <summary>Performs a commit's timers and projection; true when its notifications were handed to a lane.</summary>
    private async Task<bool> PerformEffectsAsync(DispatchWork work, CancellationToken cancellationToken)
    {
        if (work.ReadRows)
        {
            var retryIn = await dispatcher.DispatchPendingAsync(work.EscalationId, cancellationToken).ConfigureAwait(false);
            await FinishAsync(work, retryIn, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (work.Rows.Count == 0)
        {
            // A request that committed nothing: its backstop message, if it was sent, has nothing to do.
            MessageReceipt sent;
            try
            {
                sent = await work.Backstop.Sent.ConfigureAwait(false);
            }
            catch (Exception)
            {
                return false;
            }

            await queues.DeleteOutboxAsync(sent, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var effects = work.Rows.Where(r => !r.IsExternal).ToList();
        var notifications = work.Rows.Where(r => r.IsExternal).ToList();
        var pass = await dispatcher.PerformAsync(work.EscalationId, effects, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (notifications.Count > 0)
        {
            if (_notifications.Writer.TryWrite((work, pass, notifications))) return true;
            // The lanes are this far behind: the backstop message sends these when it shows up.
            pass.Later(time.GetUtcNow() + options.DispatchGrace);
        }

        await SettleAsync(work, pass, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task NotificationLaneAsync(CancellationToken stoppingToken)
    {
        await foreach (var (work, pass, rows) in _notifications.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await dispatcher.PerformAsync(work.EscalationId, rows, pass, stoppingToken).ConfigureAwait(false);
                await SettleAsync(work, pass, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDeferred(work.EscalationId, StorageErrors.Describe(ex));
            }
            finally
            {
                queue.Finished(work);
            }
        }
    }

    /// <summary>Settles the rows, then deletes the backstop message, or hides it until the next retry is due.</summary>
    private async Task SettleAsync(DispatchWork work, DispatchPass pass, CancellationToken cancellationToken) =>
        await FinishAsync(work, await dispatcher.SettleAsync(pass).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task FinishAsync(DispatchWork work, TimeSpan? retryIn, CancellationToken cancellationToken)
    {
        var receipt = await work.Backstop.Sent.ConfigureAwait(false);
        if (retryIn is { } delay)
            await queues.PostponeOutboxAsync(receipt, delay, cancellationToken).ConfigureAwait(false);
        else
            await queues.DeleteOutboxAsync(receipt, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation {EscalationId}: dispatch deferred to the outbox queue ({ErrorType}).")]
    private partial void LogDeferred(string escalationId, string errorType);
}
