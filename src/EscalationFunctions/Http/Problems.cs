using Escalations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationFunctions.Http;

/// <summary>Every error the API returns, as RFC 9457 problem details with a stable type.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:escalation-functions:problem:";

    public static ProblemHttpResult Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: TypePrefix + "validation",
        title: "The request is not valid.",
        detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
        extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: TypePrefix + "not-found",
        title: "No such escalation.", detail: $"There is no escalation {id}.");

    public static ProblemHttpResult NotAllowed(DomainError error) => error.Code == DomainError.InvalidEvent
        ? Validation("body", error.Message)
        : TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, type: TypePrefix + "invalid-transition",
            title: $"Not allowed while the escalation is {error.Status}.", detail: error.Message,
            extensions: new Dictionary<string, object?> { ["state"] = error.Status });

    public static ProblemHttpResult Concurrency(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: TypePrefix + "concurrent-update",
        title: "The escalation was changed by another request.",
        detail: $"Escalation {id} kept changing while this request was applied; nothing was written. Read it again and retry.");

    public static ProblemHttpResult Unavailable() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: TypePrefix + "storage-unavailable",
        title: "Storage is unavailable.", detail: "Azure Storage could not be reached; nothing was changed. Retry shortly.");

    public static ProblemHttpResult TooLarge(int limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, type: TypePrefix + "too-large",
        title: "The request body is too large.", detail: $"Bodies are limited to {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: TypePrefix + "unsupported-media-type",
        title: "Send JSON.", detail: "The body must be JSON with Content-Type: application/json.");

    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, type: TypePrefix + "unauthorized", title: "Not authorized.", detail: detail);
}
