namespace Escalations.Orchestration;

/// <summary>
/// The input of one generation of an escalation's orchestration (the first, or one after <c>ContinueAsNew</c>): the
/// escalation's id and the tokens of the timers this orchestration has already delivered, so a timer the state row
/// keeps pending after its delivery (the row ignored it) is not armed again. Ids and tokens only, never customer
/// data: Durable Functions keeps inputs in its history table.
/// </summary>
public sealed record ClockInput(string EscalationId, IReadOnlyList<string>? Delivered = null);
