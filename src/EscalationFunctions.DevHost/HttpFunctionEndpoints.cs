using System.Globalization;
using System.Reflection;
using EscalationFunctions.Middleware;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace EscalationFunctions.DevHost;

/// <summary>
/// Maps every HTTP-triggered function of an assembly from its attributes (name, route, methods): the same
/// definition the Functions host reads from functions.metadata, so there is no second route table to keep.
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>An HTTP function as its attributes declare it.</summary>
    public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel, MethodInfo Method);

    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(x.Function!.Name, x.Trigger!.Route ?? x.Function.Name,
                (x.Trigger.Methods ?? []).Select(v => v.ToUpperInvariant()).ToList(), x.Trigger.AuthLevel, x.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder app, Assembly assembly, string routePrefix)
    {
        foreach (var function in Discover(assembly))
        {
            // Rooted, as minimal APIs write routes: the pattern is what logs and traces name a request by (http.route).
            var pattern = string.IsNullOrEmpty(routePrefix) ? $"/{function.Route}" : $"/{routePrefix}/{function.Route}";
            var invoke = Invoker(function.Method);
            var endpoint = app.MapMethods(pattern, function.Methods.Count > 0 ? function.Methods : [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch],
                    (RequestDelegate)(context => context.RequestServices.GetRequiredService<HttpPipeline>().RunAsync(context, invoke)))
                .WithName(function.Name).WithDisplayName(function.Name).ExcludeFromDescription();
            // The functions read forms and bodies themselves, as under the Functions host.
            endpoint.DisableAntiforgery();
        }

        return app;
    }

    /// <summary>
    /// Calls the function as the worker would: its class from the request's services, then each parameter bound
    /// from the request (the trigger's HttpRequest, route values by name, the request's cancellation token, the
    /// durable client), then the answer written.
    /// </summary>
    private static RequestDelegate Invoker(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var type = method.DeclaringType!;
        return async context =>
        {
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(context.RequestServices, type);
            var arguments = parameters.Select(p => Bind(p, context)).ToArray();
            var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture);
            var answer = returned is Task task ? await Result(task) : returned;
            switch (answer)
            {
                case IResult result:
                    await result.ExecuteAsync(context);
                    break;
                case IActionResult action:
                    await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                    break;
            }
        };
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest)) return context.Request;
        if (type == typeof(HttpContext)) return context;
        if (type == typeof(CancellationToken)) return context.RequestAborted;
        // [DurableClient]: the client of this host's task hub.
        if (type == typeof(DurableTaskClient)) return context.RequestServices.GetRequiredService<DurableTaskClient>();
        if (context.Request.RouteValues.TryGetValue(parameter.Name!, out var value) && value is not null)
            return type == typeof(string) ? Convert.ToString(value, CultureInfo.InvariantCulture) : Convert.ChangeType(value, Nullable.GetUnderlyingType(type) ?? type, CultureInfo.InvariantCulture);
        if (parameter.HasDefaultValue) return parameter.DefaultValue;
        throw new InvalidOperationException($"{parameter.Member.Name}: the development host cannot bind parameter {parameter.Name} ({type.Name}).");
    }

    private static async Task<object?> Result(Task task)
    {
        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
