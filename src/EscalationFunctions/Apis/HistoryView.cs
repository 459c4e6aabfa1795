using Escalations.Domain;

namespace EscalationFunctions.Apis;

public sealed record HistoryView(
    string EscalationId, int Sequence, DateTimeOffset At, Actor Actor, HistoryAction Action, Channel Channel, string Summary);
