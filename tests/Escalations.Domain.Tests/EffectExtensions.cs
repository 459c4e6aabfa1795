namespace Escalations.Domain.Tests;

internal static class EffectExtensions
{
    public static IEnumerable<NotificationRequested> Emails(this IEnumerable<Effect> effects) => effects.OfType<NotificationRequested>();
    public static IEnumerable<HistoryEntry> History(this IEnumerable<Effect> effects) => effects.OfType<HistoryRecorded>().Select(h => h.Entry);
}
