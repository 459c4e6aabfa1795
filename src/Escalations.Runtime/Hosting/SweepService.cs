using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Escalations.Runtime.Workflow;

namespace Escalations.Runtime.Hosting;

/// <summary>Runs the sweep every <see cref="RuntimeOptions.SweepInterval"/> when the app runs outside the Functions host.</summary>
public sealed partial class SweepService(Sweeper sweeper, RuntimeOptions options, TimeProvider time, ILogger<SweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        do
        {
            try
            {
                await sweeper.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep failed ({ErrorType}); the next one tries again.")]
    private partial void LogFailed(string errorType);
}
