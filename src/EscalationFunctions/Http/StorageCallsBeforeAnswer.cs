using Escalations.Runtime.Storage;

namespace EscalationFunctions.Http;

/// <summary>
/// Records, for every request, the storage calls awaited before the answer started and how many of them came one
/// after another, by function name (<see cref="StorageOperationCounter.RequestSnapshot"/>). The platform waits with
/// a caller on the line, so this is the figure that matters; the benchmark prints it and a test bounds it.
/// </summary>
public sealed class StorageCallsBeforeAnswer(RequestDelegate next, StorageOperationCounter counter)
{
    public Task InvokeAsync(HttpContext context)
    {
        var log = StorageOperationCounter.BeginLog();
        context.Response.OnStarting(() =>
        {
            log.Close();
            if (FunctionName.Of(context) is { } function)
                counter.RecordRequest(function, log);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
