namespace Escalations.Domain;

public static class Durations
{
    /// <summary>"48 hours", "10 minutes", "1 hour 30 minutes": how a duration is said to a person.</summary>
    public static string Describe(TimeSpan duration)
    {
        var parts = new List<string>();
        var hours = (long)duration.TotalHours;
        if (hours > 0) parts.Add(Plural(hours, "hour"));
        if (duration.Minutes > 0) parts.Add(Plural(duration.Minutes, "minute"));
        if (duration.Seconds > 0 || parts.Count == 0) parts.Add(Plural(duration.Seconds, "second"));
        return string.Join(' ', parts);
    }

    /// <summary>A moment as written in history and scripts: "2026-11-23 14:05 UTC", whatever the culture.</summary>
    public static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Plural(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
