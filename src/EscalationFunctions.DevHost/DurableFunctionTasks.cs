using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EscalationFunctions.DevHost;

/// <summary>
/// Registers every orchestrator and activity function of an assembly with a Durable Task worker, from their
/// attributes (the function's name, its trigger, its input parameter): the same definitions the Functions host
/// reads, so the development host has no second list to keep. Each registration calls the function's own method.
/// </summary>
public static class DurableFunctionTasks
{
    /// <summary>A function with an orchestration or activity trigger, and the type its input is read as.</summary>
    public sealed record DurableFunction(string Name, MethodInfo Method, Type InputType, Type OutputType, bool IsOrchestrator);

    public static IReadOnlyList<DurableFunction> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Parameters: m.GetParameters()))
            .Where(x => x.Function is not null)
            .Select(x =>
            {
                var orchestration = x.Parameters.FirstOrDefault(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null);
                var activity = x.Parameters.FirstOrDefault(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
                // An orchestrator's input is its one other parameter (the worker binds it); an activity's is its trigger.
                var input = orchestration is not null
                    ? x.Parameters.FirstOrDefault(p => p != orchestration && p.ParameterType != typeof(CancellationToken))?.ParameterType ?? typeof(object)
                    : activity?.ParameterType;
                var output = x.Method.ReturnType.IsGenericType && x.Method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? x.Method.ReturnType.GetGenericArguments()[0]
                    : typeof(object);
                return input is null ? null : new DurableFunction(x.Function!.Name, x.Method, input, output, orchestration is not null);
            })
            .OfType<DurableFunction>()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    public static DurableTaskRegistry AddFunctions(this DurableTaskRegistry registry, Assembly assembly)
    {
        foreach (var function in Discover(assembly))
        {
            if (function.IsOrchestrator) registry.AddOrchestrator(function.Name, () => new Orchestrator(function));
            else registry.AddActivity(function.Name, services => new Activity(function, services));
        }

        return registry;
    }

    private static object?[] Arguments(MethodInfo method, Type trigger, object context, object? input) =>
        method.GetParameters().Select(p =>
            p.ParameterType == typeof(CancellationToken) ? CancellationToken.None
            : p.ParameterType.IsAssignableFrom(trigger) ? context
            : input).ToArray();

    private static async Task<object?> Invoke(MethodInfo method, object? target, object?[] arguments)
    {
        var task = (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture)!;
        await task.ConfigureAwait(false);
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private sealed class Orchestrator(DurableFunction function) : ITaskOrchestrator
    {
        public Type InputType => function.InputType;
        public Type OutputType => function.OutputType;

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            Invoke(function.Method, null, Arguments(function.Method, context.GetType(), context, input));
    }

    private sealed class Activity(DurableFunction function, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => function.InputType;
        public Type OutputType => function.OutputType;

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var target = function.Method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, function.Method.DeclaringType!);
            return Invoke(function.Method, target, Arguments(function.Method, context.GetType(), context, input));
        }
    }
}
