using Escalations.Domain;

namespace EscalationFunctions.Apis;

/// <summary>One entry of the Communication History Log; a notification's entry carries its delivery once the relay has it.</summary>
public sealed record HistoryView(
    string EscalationId, int Sequence, DateTimeOffset At, Actor Actor, HistoryAction Action, Channel Channel, string Summary,
    NotificationDelivery? Delivery = null);
