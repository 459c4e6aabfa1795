using System.Globalization;
using System.Text;

namespace Escalations.Domain;

/// <summary>Prints <see cref="EscalationPolicy.Rules"/> for people: a Mermaid state diagram and a Markdown table.</summary>
public static class PolicyDocument
{
    /// <summary>
    /// The state diagram. Rows that apply in every open state (threat flags, resolving) are one note rather than
    /// an edge from each state; rows that only ignore an event are left out (the table lists them).
    /// </summary>
    public static string ToMermaid()
    {
        var sb = new StringBuilder().AppendLine("stateDiagram-v2");
        foreach (var rule in EscalationPolicy.Rules.Where(r => !r.Ignores && !r.FromAnyOpenState))
        {
            foreach (var from in rule.From)
            {
                var source = from == EscalationStatus.New ? "[*]" : from.ToString();
                var target = (rule.To ?? from).ToString();
                sb.AppendLine(CultureInfo.InvariantCulture, $"    {source} --> {target}: {Label(rule)}");
            }
        }

        foreach (var terminal in Enum.GetValues<EscalationStatus>().Where(s => s.IsTerminal()))
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {terminal} --> [*]");

        var everywhere = EscalationPolicy.Rules.Where(r => !r.Ignores && r.FromAnyOpenState).ToList();
        if (everywhere.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    note right of {EscalationStatusExtensions.OpenStates[0]}");
            sb.AppendLine("        In every open state:");
            foreach (var rule in everywhere)
                sb.AppendLine(CultureInfo.InvariantCulture, $"        {Label(rule)} {(rule.To is { } to ? $"goes to {to}" : "keeps the state")}");
            sb.AppendLine("    end note");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The transition table, one line per row of the policy, in the order rows are tried, with the configured SLA
    /// and extension written in, and each row's source linked to its section of <c>docs/process.md</c>.
    /// </summary>
    public static string ToMarkdownTable(EscalationOptions? options = null)
    {
        options ??= new EscalationOptions();
        var sb = new StringBuilder()
            .AppendLine("| # | from | trigger | guard | to | effects | source |")
            .AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        var n = 0;
        foreach (var rule in EscalationPolicy.Rules)
        {
            var from = rule.FromAnyOpenState ? "any open state" : string.Join(", ", rule.From.Select(s => s == EscalationStatus.New ? "(start)" : s.ToString()));
            var to = rule.Ignores ? "(unchanged)" : rule.To?.ToString() ?? "(stays)";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {++n} | {from} | `{rule.Trigger}` | {rule.Guard ?? ""} | {to} | {Escape(Fill(rule.Effects, options))} | {Source(Fill(rule.Seed, options))} |");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The configured values in a rule's text: "{sla}" the callback SLA, "{extension}" Customer Service's extension,
    /// "{max}" the callback attempts after which the customer is flagged unreachable.
    /// </summary>
    public static string Fill(string text, EscalationOptions options) => text
        .Replace("{sla}", Durations.Describe(options.CallbackSla), StringComparison.Ordinal)
        .Replace("{max}", options.MaxCallbackAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{extension}", options.CustomerServiceExtension, StringComparison.Ordinal);

    /// <summary>"#anchor: text" becomes a link to that section of the process description.</summary>
    private static string Source(string seed)
    {
        if (!seed.StartsWith('#') || seed.IndexOf(": ", StringComparison.Ordinal) is not (> 1 and var colon)) return Escape(seed);
        return $"[{Escape(seed[(colon + 2)..])}](docs/process.md{seed[..colon]})";
    }

    private static string Label(Rule rule) => rule.Guard is null ? rule.Trigger : $"{rule.Trigger} [{rule.Guard}]";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
