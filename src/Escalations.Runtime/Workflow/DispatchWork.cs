using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Workflow;

/// <summary>One commit's effects handed to the in-process dispatcher, with the backstop message that covers them.</summary>
public sealed record DispatchWork(string EscalationId, IReadOnlyList<OutboxRow> Rows, OutboxBackstop Backstop);
