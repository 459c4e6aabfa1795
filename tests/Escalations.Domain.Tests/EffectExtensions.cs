namespace Escalations.Domain.Tests;

internal static class EffectExtensions
{
    public static IEnumerable<EmailRequested> Emails(this IEnumerable<Effect> effects) => effects.OfType<EmailRequested>();
    public static IEnumerable<HistoryEntry> History(this IEnumerable<Effect> effects) => effects.OfType<HistoryRecorded>().Select(h => h.Entry);
}
