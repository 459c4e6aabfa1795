using System.Text.Json;
using System.Text.Json.Serialization;
using Escalations.Runtime.Storage;
using Escalations.Runtime.Workflow;

namespace EscalationFunctions.Apis;

/// <summary>
/// The Functions host's non-HTTP triggers. The host POSTs <c>/{FunctionName}</c> with <c>{ "Data": …, "Metadata": … }</c>
/// and reads back <c>{ "Outputs": …, "Logs": […], "ReturnValue": … }</c>; an error status makes it retry the
/// message, and after <c>maxDequeueCount</c> move it to the poison queue. A message that must come back later is
/// sent again with a delay and this delivery completes, since the host owns the message it delivered.
/// </summary>
public static class FunctionInvocationsApi
{
    public const string TimerTrigger = "TimerQueueTrigger";
    public const string OutboxTrigger = "OutboxQueueTrigger";
    public const string SweepTrigger = "SweepTimer";

    public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

    /// <summary>The host reads these names as written.</summary>
    public sealed record InvocationResponse(
        [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
        [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        var functions = app.MapGroup("/").ExcludeFromDescription();
        functions.MapPost(TimerTrigger, async (InvocationRequest request, TimerMessageHandler handler, WorkQueues queues, CancellationToken ct) =>
        {
            var message = Message<TimerMessage>(request);
            var result = await handler.HandleAsync(message, ct);
            return await CompleteAsync(result, delay => queues.SendAgainAsync(message, delay, ct), $"timer {message.Kind} for {message.EscalationId}");
        });
        functions.MapPost(OutboxTrigger, async (InvocationRequest request, OutboxMessageHandler handler, WorkQueues queues, CancellationToken ct) =>
        {
            var message = Message<OutboxMessage>(request);
            var result = await handler.HandleAsync(message, ct);
            return await CompleteAsync(result, delay => queues.SendAgainAsync(message, delay, ct), $"outbox of {message.EscalationId}");
        });
        functions.MapPost(SweepTrigger, async (Sweeper sweeper, CancellationToken ct) =>
        {
            var report = await sweeper.RunOnceAsync(ct);
            return Results.Ok(new InvocationResponse([], [$"sweep: {report}"], null));
        });
        return app;
    }

    /// <summary>The queue item the host passed as binding "message": a JSON string (the host decoded the Base64) or an object.</summary>
    internal static T Message<T>(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue("message", out var item))
            throw new BadHttpRequestException("The invocation has no Data.message.");
        try
        {
            var json = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            return StorageJson.Deserialize<T>(json);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException($"Data.message is not a {typeof(T).Name}: {ex.Message}");
        }
    }

    private static async Task<IResult> CompleteAsync(HandlerResult result, Func<TimeSpan, Task<MessageReceipt>> sendAgain, string what)
    {
        if (result.RetryAfter is { } delay)
        {
            await sendAgain(delay);
            return Results.Ok(new InvocationResponse([], [$"{what}: due again in {delay}"], null));
        }

        return Results.Ok(new InvocationResponse([], [$"{what}: done"], null));
    }
}
