using Azure;

namespace Escalations.Runtime.Storage;

/// <summary>Tells "storage is down" apart from everything else, whatever shape the SDK gives it.</summary>
public static class StorageErrors
{
    /// <summary>
    /// True for failures a caller can only wait out: no connection, timeouts, throttling, 5xx. The SDK reports
    /// failures after its retries as an <see cref="AggregateException"/> of what each try met: a
    /// <see cref="RequestFailedException"/>, or an <see cref="OperationCanceledException"/> for a try that outlasted
    /// <see cref="RuntimeOptions.StorageTimeout"/> (slow storage, or a machine too busy to read the answer in time).
    /// A cancellation the caller asked for stops the retries and comes alone, so it is never mistaken for one.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        StorageUnavailableException => true,
        RequestFailedException r => r.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(e => e is OperationCanceledException || IsUnavailable(e)),
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// A short description for logs: the exception type, and for storage errors the HTTP status and error code
    /// (of the last attempt, for an exhausted retry). Never the message, whose URIs can carry account ids.
    /// </summary>
    public static string Describe(Exception ex) => ex switch
    {
        RequestFailedException r => $"{nameof(RequestFailedException)} {r.Status} {r.ErrorCode}".TrimEnd(),
        AggregateException { InnerExceptions.Count: > 0 } a => $"{a.InnerExceptions.Count} attempts failed, last: {Describe(a.InnerExceptions[^1])}",
        { InnerException: { } inner } => $"{ex.GetType().Name} ({Describe(inner)})",
        _ => ex.GetType().Name,
    };

    /// <summary>Runs a storage call, turning an outage into <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"Azure Storage is unavailable ({what}); nothing was changed.", ex);
        }
    }

    public static Task Guard(Func<Task> call, string what) => Guard(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    }, what);
}
