using Escalations.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationFunctions.Http;

/// <summary>Every error the API returns, as RFC 9457 problem details with a stable type.</summary>
public static class Problems
{
    public const string TypePrefix = "urn:escalation-functions:problem:";

    /// <summary>Every problem type the API answers with, after <see cref="TypePrefix"/>.</summary>
    public static IReadOnlyList<string> Types { get; } =
    [
        "validation", "bad-request", "unauthorized", "not-found", "method-not-allowed", "invalid-transition", "concurrent-update",
        "too-large", "unsupported-media-type", "internal", "storage-unavailable",
    ];

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
        title: "The request body is too large.", detail: limit > 0 ? $"Bodies are limited to {limit} bytes." : "The body is over the size limit.");

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType, type: TypePrefix + "unsupported-media-type",
        title: "Send JSON.", detail: "The body must be JSON with Content-Type: application/json.");

    public static ProblemHttpResult MethodNotAllowed() => TypedResults.Problem(
        statusCode: StatusCodes.Status405MethodNotAllowed, type: TypePrefix + "method-not-allowed",
        title: "This method is not allowed here.", detail: "The address exists, but not for this HTTP method (see the Allow header).");

    public static ProblemHttpResult NoSuchAddress() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: TypePrefix + "not-found",
        title: "Not found.", detail: "There is nothing at this address.");

    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: TypePrefix + "bad-request", title: "The request could not be read.", detail: detail);

    public static ProblemHttpResult Internal() => TypedResults.Problem(
        statusCode: StatusCodes.Status500InternalServerError, type: TypePrefix + "internal", title: "Something went wrong on our side.",
        detail: "The error was logged. Nothing the request asked for is half done: retry it.");

    /// <summary>
    /// Gives the framework's own answers (an unknown address, a method or media type the route does not take, a
    /// request it could not read) this API's problem types, so every problem carries a documented <c>type</c>.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(TypePrefix, StringComparison.Ordinal) == true) return;
        // The status stays the framework's; the type, title and detail become this API's.
        var ours = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status404NotFound => NoSuchAddress(),
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(),
            StatusCodes.Status413PayloadTooLarge => TooLarge(0),
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType(),
            StatusCodes.Status401Unauthorized => Unauthorized("Send the API key."),
            StatusCodes.Status503ServiceUnavailable => Unavailable(),
            >= 400 and < 500 => BadRequest(problem.Detail ?? "The request is not valid HTTP for this address."),
            _ => Internal(),
        };
        problem.Type = ours.ProblemDetails.Type;
        problem.Title = ours.ProblemDetails.Title;
        problem.Detail = ours.ProblemDetails.Detail;
    }

    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, type: TypePrefix + "unauthorized", title: "Not authorized.", detail: detail);
}
