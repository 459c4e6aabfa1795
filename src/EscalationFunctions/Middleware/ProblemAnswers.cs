using EscalationFunctions.Http;

namespace EscalationFunctions.Middleware;

/// <summary>
/// Every refusal is problem details: an exception goes to <see cref="ErrorHandling"/>, and an error status written
/// without a body (a bare 404 from a handler) gets the standard problem for its status, as <c>UseExceptionHandler</c>
/// and <c>UseStatusCodePages</c> do in an ASP.NET Core pipeline, which a function does not have.
/// </summary>
public sealed class ProblemAnswers(RequestDelegate next, ErrorHandling errors, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await errors.TryHandleAsync(context, ex, context.RequestAborted);
            return;
        }

        var response = context.Response;
        if (!response.HasStarted && response.StatusCode is >= 400 and < 600 && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context });
    }
}
