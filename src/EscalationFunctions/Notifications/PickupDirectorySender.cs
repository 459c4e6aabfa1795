using System.Text;
using Escalations.Domain;
using Escalations.Runtime;
using MimeKit;

namespace EscalationFunctions.Notifications;

public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The verified sender address.</summary>
    public string From { get; set; } = "escalations@localhost";

    /// <summary>Where messages are written as .eml files while no SMTP server is configured.</summary>
    public string PickupDirectory { get; set; } = "mail";
}

/// <summary>
/// The embedded default email port: each notification becomes one .eml file in the pickup folder, named after its
/// idempotency key, so a retried send overwrites rather than duplicates. Nothing about a medical condition is
/// written: the disclosure is never included.
/// </summary>
public sealed class PickupDirectorySender(EmailOptions email, RoutingOptions routing) : INotificationSender
{
    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var (addresses, note) = routing.Resolve(notification.To);
        if (addresses.Count == 0)
            throw new PermanentNotificationException($"No addresses are configured for {notification.To} (see Routing:* settings).");

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.From));
        foreach (var address in addresses) message.To.Add(MailboxAddress.Parse(address));
        message.MessageId = $"{Sanitize(notification.IdempotencyKey)}@escalation-functions";
        message.Subject = Subject(notification);
        message.Body = new TextPart("plain") { Text = Body(notification, note) };

        Directory.CreateDirectory(email.PickupDirectory);
        var path = Path.Combine(email.PickupDirectory, Sanitize(notification.IdempotencyKey) + ".eml");
        var temp = path + ".tmp";
        await message.WriteToAsync(temp, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    internal static string Subject(Notification n) => n.Kind switch
    {
        NotificationKind.CallbackRequest => $"Supervisor Call Back Follow-Up Request: account {n.Escalation.AccountId}, due {Durations.Stamp(n.Escalation.Callback?.DueAt ?? default)}",
        NotificationKind.ThreatFlagged => $"Threat flagged on account {n.Escalation.AccountId}: document the account",
        NotificationKind.BreachWarning => $"Callback due soon: account {n.Escalation.AccountId}, due {Durations.Stamp(n.Escalation.Callback?.DueAt ?? default)}",
        NotificationKind.SlaBreached => $"Callback SLA breached: account {n.Escalation.AccountId}",
        NotificationKind.ManagementAssistanceRequested => $"Management assistance requested: account {n.Escalation.AccountId}",
        NotificationKind.CustomerCalledAgain => $"Customer called again: account {n.Escalation.AccountId}",
        _ => $"Escalation {n.Escalation.Id}",
    };

    private static string Body(Notification n, string? note)
    {
        var e = n.Escalation;
        var sb = new StringBuilder();
        if (note is not null) sb.AppendLine(note).AppendLine();
        sb.AppendLine($"Escalation: {e.Id} ({e.Status})");
        sb.AppendLine($"Account: {e.AccountId}");
        if (e.CallbackPhone is not null) sb.AppendLine($"Callback number: {e.CallbackPhone}");
        if (e.Agent is { } agent) sb.AppendLine($"Agent: {agent.Name} ({agent.Id}{(agent.IsBpo ? $", {agent.Vendor}" : "")})");
        if (!e.Threats.IsEmpty) sb.AppendLine($"Threats: {string.Join(", ", e.Threats)}");
        if (e.Callback is { } c) sb.AppendLine($"Callback due: {Durations.Stamp(c.DueAt)}{(c.Owner is { } o ? $", owned by {o}" : "")}");
        if (e.Notes is not null) sb.AppendLine($"Notes: {e.Notes}");
        return sb.ToString();
    }

    private static string Sanitize(string key) => string.Concat(key.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
