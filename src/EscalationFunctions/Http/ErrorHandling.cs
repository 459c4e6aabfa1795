using Microsoft.AspNetCore.Diagnostics;
using Escalations.Runtime.Storage;

namespace EscalationFunctions.Http;

/// <summary>Turns exceptions into problem details: storage down or too slow → 503, contention → 409, a bad request → 4xx, anything else → 500 without internals.</summary>
public sealed partial class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var result = exception switch
        {
            StorageUnavailableException => Problems.Unavailable(),
            _ when StorageErrors.IsUnavailable(exception) => Problems.Unavailable(),
            ConcurrencyException c => Problems.Concurrency(c.EscalationId),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(0),
            BadHttpRequestException b => TypedResults.Problem(statusCode: b.StatusCode, type: Problems.TypePrefix + "bad-request", title: "The request could not be read.", detail: b.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            // Not the caller's cancellation: a storage call that outlasted its timeout. Slow storage is a 503, never a 500.
            OperationCanceledException => Problems.Unavailable(),
            _ => null,
        };

        if (result is null)
        {
            if (context.RequestAborted.IsCancellationRequested) return true;
            // Storage exceptions quote request URIs, which can hold account ids: log those by type and status only.
            if (exception is Azure.RequestFailedException storage)
                LogStorageFailure(RouteTemplate.Of(context), storage.Status, storage.ErrorCode ?? "");
            else
                LogUnhandled(RouteTemplate.Of(context), exception.GetType().Name, exception);
            result = Problems.Internal();
        }
        else if (result.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
            LogUnavailable(RouteTemplate.Of(context));
        }

        await result.ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ErrorType} on {Route}.")]
    private partial void LogUnhandled(string route, string errorType, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed with {Status} {ErrorCode} on {Route}.")]
    private partial void LogStorageFailure(string route, int status, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Route}.")]
    private partial void LogUnavailable(string route);
}
