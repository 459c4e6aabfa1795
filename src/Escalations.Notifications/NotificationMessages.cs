using Escalations.Domain;
using Escalations.Runtime;
using MimeKit;

namespace Escalations.Notifications;

/// <summary>
/// Turns a notification into the email every sender sends: recipients from <see cref="RoutingOptions"/>, the
/// rendered template as text and HTML alternatives, and a Message-ID derived from the idempotency key, so a
/// retried send is recognisably the same message.
/// </summary>
public sealed class NotificationMessages(EmailOptions email, RoutingOptions routing, ActionLinks? links = null, ActionLinkOptions? linkOptions = null)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(email.TimeZone);

    public MimeMessage Build(Notification notification)
    {
        var (addresses, note) = routing.Resolve(notification.To);
        if (addresses.Count == 0)
            throw new PermanentEffectException($"No addresses are configured for {notification.To} (see the Routing settings).");

        var rendered = NotificationTemplates.Render(notification, _zone, note, Actions(notification));
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(email.From));
        foreach (var address in addresses) message.To.Add(MailboxAddress.Parse(address));
        message.MessageId = MessageIdFor(notification.IdempotencyKey);
        message.Subject = rendered.Subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Escalation-Id", notification.Escalation.Id);
        message.Body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html }.ToMessageBody();
        return message;
    }

    /// <summary>One-click links for the notifications a supervisor acts on, when links are configured.</summary>
    private List<(string, string)> Actions(Notification n)
    {
        if (links is not { Enabled: true } || !n.Kind.CarriesActionLinks())
            return [];
        var e = n.Escalation;
        var expires = (e.Callback?.DueAt ?? e.UpdatedAt) + (linkOptions ?? new ActionLinkOptions()).ActionLinkGrace;
        var supervisor = n.To.Role == RecipientRole.Supervisor ? n.To.SupervisorId : null;
        var actions = e.Callback?.Owner is null
            ? new[] { LinkAction.ClaimCallback, LinkAction.CompleteResolved, LinkAction.CompleteNeedsManagement, LinkAction.RequestManagement }
            : [LinkAction.CompleteResolved, LinkAction.CompleteNeedsManagement, LinkAction.RequestManagement];
        var root = email.PublicBaseUrl.TrimEnd('/');
        return actions.Select(a => (ActionLinks.Title(a), $"{root}{ActionLinks.Path}/{links.Create(n, a, supervisor, expires)}")).ToList();
    }

    /// <summary>What was done with a built message: its recipients, its id, and why they differ from the audience asked for.</summary>
    public SentNotification Sent(MimeMessage message, Notification notification) => new(
        message.To.Mailboxes.Select(m => m.Address).ToList(), message.MessageId, routing.Resolve(notification.To).Note);

    public static string MessageIdFor(string idempotencyKey) => $"{FileSafe(idempotencyKey)}@escalation-functions";

    public static string FileSafe(string key) => string.Concat(key.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
