using Escalations.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace EscalationFunctions.Durable;

/// <summary>
/// The escalation's orchestration as a function. The input is a parameter (the worker binds it; the development
/// host passes it), and the code is <see cref="EscalationOrchestrator"/>'s, the same under both hosts.
/// </summary>
public static class EscalationOrchestratorFunction
{
    [Function(EscalationTasks.Orchestrator)]
    public static Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context, ClockInput input) =>
        EscalationOrchestrator.RunAsync(context, input);
}
