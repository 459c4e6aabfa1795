namespace EscalationFunctions.Http;

/// <summary>How a request is named in logs.</summary>
public static class RouteTemplate
{
    /// <summary>The route template, never the path: paths carry account ids, which stay out of logs.</summary>
    public static string Of(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.GetEndpoint()?.DisplayName ?? "(no route)";
}
