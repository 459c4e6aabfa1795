namespace EscalationFunctions.Http;

/// <summary>Which function a request reached, under either host.</summary>
public static class FunctionName
{
    /// <summary>
    /// The endpoint's name: the development host names each endpoint after its function; the worker's ASP.NET Core
    /// integration maps each HTTP function as an endpoint whose display name is the function's.
    /// </summary>
    public static string? Of(HttpContext context) =>
        context.GetEndpoint() is { } endpoint ? endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName : null;
}
