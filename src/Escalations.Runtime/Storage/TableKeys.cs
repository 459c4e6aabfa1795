using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Escalations.Runtime.Storage;

/// <summary>Keys and key rules for Table Storage rows.</summary>
public static partial class TableKeys
{
    public const string StateRow = "state";
    public const string HistoryPrefix = "history|";
    public const string OutboxPrefix = "outbox|";

    /// <summary>The end of a prefix range: '}' sorts right after '|'.</summary>
    public static string RangeEnd(string prefix) => prefix[..^1] + "}";

    public static string History(int sequence) => $"{HistoryPrefix}{sequence.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string Outbox(int version, int n) =>
        $"{OutboxPrefix}{version.ToString("D6", CultureInfo.InvariantCulture)}|{n.ToString("D3", CultureInfo.InvariantCulture)}";

    /// <summary>Escalation ids are made by the service: letters, digits, '-' and '_', at most 64.</summary>
    public static bool IsValidEscalationId(string? id) => id is not null && EscalationIdRegex().IsMatch(id);

    /// <summary>
    /// Makes any text safe as a partition or row key: the characters Table Storage forbids ('/', '\', '#', '?',
    /// control characters) and '%' itself become %XX.
    /// </summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
                sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else
                sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>What an escalation id looks like (ids are made here: <c>esc-</c> and a digest).</summary>
    public const string EscalationIdPattern = "^[A-Za-z0-9_-]{1,64}$";

    [GeneratedRegex(EscalationIdPattern)]
    private static partial Regex EscalationIdRegex();
}
