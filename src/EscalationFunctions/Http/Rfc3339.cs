using System.Globalization;
using System.Text.RegularExpressions;

namespace EscalationFunctions.Http;

/// <summary>
/// The one date-and-time form the API reads: RFC 3339 (<c>2026-11-25T17:00:00Z</c>, <c>…T12:00:00.5-05:00</c>),
/// with the limits a real clock has, stated in the document as <see cref="Pattern"/>: seconds 00-59 (no leap
/// second), an offset of at most ±14:00 (the widest any time zone uses; RFC 3339's syntax would allow ±23:59), a
/// year from 0001. Everything the pattern allows is accepted; a moment past the ends of the representable range
/// (9999-12-31T23:00:00-14:00) is taken as that end.
/// </summary>
public static partial class Rfc3339
{
    public const string Pattern =
        @"^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-5][0-9](\.[0-9]+)?([Zz]|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Regex().IsMatch(text)) return false;
        var zulu = text[^1] is 'Z' or 'z';
        var clock = zulu ? text[..^1] : text[..^6];
        var dot = clock.IndexOf('.', StringComparison.Ordinal);
        // .NET keeps seven fractional digits; RFC 3339 allows any number.
        if (dot >= 0 && clock.Length - dot - 1 > 7) clock = clock[..(dot + 8)];
        if (!DateTime.TryParseExact(clock.Replace('t', 'T'), ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
            return false;

        var offset = zulu ? TimeSpan.Zero : TimeSpan.ParseExact(text[^5..], @"hh\:mm", CultureInfo.InvariantCulture) * (text[^6] == '-' ? -1 : 1);
        // The UTC moment, from ticks so that one just past either end clamps instead of throwing.
        var ticks = local.Ticks - offset.Ticks;
        value = ticks < DateTimeOffset.MinValue.UtcTicks ? DateTimeOffset.MinValue
            : ticks > DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue
            : new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    [GeneratedRegex(Pattern)]
    private static partial Regex Regex();
}
