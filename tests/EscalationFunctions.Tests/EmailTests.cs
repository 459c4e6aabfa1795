using System.Net;
using Escalations.Notifications;
using Escalations.Domain;
using Escalations.Runtime;
using MimeKit;

namespace EscalationFunctions.Tests;

public class EmailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    private static readonly RoutingOptions Routing = new()
    {
        ManagementTeam = ["management@example.com", "director@example.com"],
        InHouseSupervisors = ["supervisors@example.com"],
        Vendors = new(StringComparer.OrdinalIgnoreCase) { ["Acme"] = new VendorRouting { Supervisors = ["acme-sups@example.com"] } },
        Supervisors = new(StringComparer.OrdinalIgnoreCase) { ["sup-1"] = "pat@example.com" },
    };

    /// <summary>An escalation as it stands when each kind of notification is raised, with hostile text in the free fields.</summary>
    private static Escalation Escalation() => new()
    {
        Id = "esc-0123456789abcdef01234567",
        Status = EscalationStatus.CallbackPending,
        AccountId = "A-778",
        ContactId = "cx-1",
        Agent = new Agent("ag-17", "Sam <b>Agent</b>", AgentAffiliation.Bpo, "Acme"),
        CallbackPhone = "+1 555 0100",
        Notes = "<script>alert('x')</script> wants a refund",
        Threats = [ThreatKind.Bbb, ThreatKind.SocialMedia],
        Supervisor = new SupervisorRef("sup-1", "Pat"),
        Callback = new CallbackRequest(Now, Now.AddHours(48), new SupervisorRef("sup-1", "Pat")),
        ManagementRequest = new ManagementRequest(new SupervisorRef("sup-1", "Pat"), "Refund & exception <needed>", Now),
    };

    private static Notification Notify(NotificationKind kind, Recipient to) => new($"esc-0123456789abcdef01234567:{kind}:4", kind, to, Escalation());

    public static TheoryData<NotificationKind, Recipient, string[], string> Kinds => new()
    {
        { NotificationKind.CallbackRequest, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme"), ["acme-sups@example.com"], "Supervisor Call Back Follow-Up Request" },
        { NotificationKind.ThreatFlagged, new Recipient(RecipientRole.Supervisor, SupervisorId: "sup-1"), ["pat@example.com"], "Threat flagged" },
        { NotificationKind.BreachWarning, new Recipient(RecipientRole.Supervisor, SupervisorId: "sup-1"), ["pat@example.com"], "Callback due soon" },
        { NotificationKind.SlaBreached, new Recipient(RecipientRole.ManagementTeam), ["management@example.com", "director@example.com"], "Callback SLA breached" },
        { NotificationKind.ManagementAssistanceRequested, new Recipient(RecipientRole.ManagementTeam), ["management@example.com", "director@example.com"], "Management assistance requested" },
        { NotificationKind.CustomerCalledAgain, new Recipient(RecipientRole.InHouseSupervisors), ["supervisors@example.com"], "Customer called again" },
        { NotificationKind.CallbackNumberWrong, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme"), ["acme-sups@example.com"], "Callback number needs correcting" },
    };

    [Fact]
    public void Every_notification_kind_has_a_template_a_title_and_a_case_above() =>
        Assert.All(Enum.GetValues<NotificationKind>(), kind =>
        {
            Assert.Contains(Kinds, row => (NotificationKind)row[0] == kind);
            Assert.False(string.IsNullOrWhiteSpace(kind.Title()));
            Assert.False(string.IsNullOrWhiteSpace(NotificationTemplates.Render(Notify(kind, new Recipient(RecipientRole.ManagementTeam)), TimeZoneInfo.Utc).Subject));
        });

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Each_kind_goes_over_a_real_smtp_conversation_to_its_recipients_with_both_parts(
        NotificationKind kind, Recipient to, string[] addresses, string subject)
    {
        await using var server = new SmtpTestServer();
        var email = new EmailOptions
        {
            From = "escalations@contoso.example",
            TimeZone = "America/New_York",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = false, Username = "acs-smtp-user", Password = "entra-secret" },
        };
        var security = new ActionLinkOptions { ActionLinkKey = "action-link-signing-key-for-tests-0123456789" };
        var links = new ActionLinks(security, TimeProvider.System);
        using var sender = new SmtpNotificationSender(email, new NotificationMessages(email, Routing, links, security));

        await sender.SendAsync(Notify(kind, to), CancellationToken.None);

        var mail = Assert.Single(server.Received);
        Assert.Equal(addresses, mail.To);
        Assert.Equal("escalations@contoso.example", mail.From);
        Assert.Equal(("acs-smtp-user", "entra-secret"), (mail.User, mail.Password));
        var message = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)));
        Assert.StartsWith(subject, message.Subject, StringComparison.Ordinal);
        Assert.Equal($"esc-0123456789abcdef01234567_{kind}_4@escalation-functions", message.MessageId);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("esc-0123456789abcdef01234567", message.Headers["X-Escalation-Id"]);
        Assert.Contains("A-778", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("A-778", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Agent</b>", message.HtmlBody, StringComparison.Ordinal);
        var actsOnIt = kind is NotificationKind.CallbackRequest or NotificationKind.BreachWarning or NotificationKind.CustomerCalledAgain;
        // The callback is owned, so there is nothing to claim: complete (two ways) or ask management.
        Assert.Equal(actsOnIt ? 3 : 0, System.Text.RegularExpressions.Regex.Count(message.TextBody!, "http://localhost:7071/api/links/"));
        Assert.Equal(actsOnIt ? 3 : 0, System.Text.RegularExpressions.Regex.Count(message.HtmlBody!, "<a href=\"http://localhost:7071/api/links/"));
    }

    [Fact]
    public void Templates_render_every_field_escape_html_and_show_the_due_time_in_the_zone_and_utc()
    {
        var rendered = NotificationTemplates.Render(Notify(NotificationKind.CallbackRequest, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Acme")),
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        foreach (var expected in new[] { "A-778", "+1 555 0100", "ag-17", "Acme", "wants a refund", "to contact the BBB", "to post on social media", "2026-11-25 10:00 America/New_York (2026-11-25 15:00 UTC)", "48 hours", "Pat (sup-1)" })
        {
            Assert.Contains(expected, rendered.Text, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode(expected), rendered.Html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
        var management = NotificationTemplates.Render(Notify(NotificationKind.ManagementAssistanceRequested, new Recipient(RecipientRole.ManagementTeam)), TimeZoneInfo.Utc);
        Assert.Contains("Refund &amp; exception &lt;needed&gt;", management.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_about_a_disclosure_appears_in_any_email()
    {
        var medical = Escalation() with { Disclosure = Disclosure.MedicalEmergency, Status = EscalationStatus.MedicalTransferred, Notes = null };

        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            var rendered = NotificationTemplates.Render(new Notification("k", kind, new Recipient(RecipientRole.ManagementTeam), medical), TimeZoneInfo.Utc);
            var all = rendered.Subject + rendered.Text + rendered.Html;
            Assert.DoesNotContain("medical", all, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("disclos", all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_refused_recipient_is_a_permanent_failure_and_a_busy_server_a_transient_one()
    {
        await using var server = new SmtpTestServer();
        var email = new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = false } };
        using var sender = new SmtpNotificationSender(email, new NotificationMessages(email, Routing));
        var notification = Notify(NotificationKind.SlaBreached, new Recipient(RecipientRole.ManagementTeam));

        server.RefuseRecipientsContaining = "example.com";
        var permanent = await Assert.ThrowsAsync<PermanentEffectException>(() => sender.SendAsync(notification, CancellationToken.None));
        server.RefuseRecipientsContaining = null;
        server.TransientFailures = 1;
        var transient = await Record.ExceptionAsync(() => sender.SendAsync(notification, CancellationToken.None));
        await sender.SendAsync(notification, CancellationToken.None);

        Assert.Contains("550", permanent.Message, StringComparison.Ordinal);
        Assert.NotNull(transient);
        Assert.IsNotType<PermanentEffectException>(transient);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Consecutive_messages_reuse_one_authenticated_connection_and_a_dropped_one_is_replaced_at_once()
    {
        await using var server = new SmtpTestServer();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var email = new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = false, Username = "u", Password = "p" } };
        using var sender = new SmtpNotificationSender(email, new NotificationMessages(email, Routing), clock);
        var notification = Notify(NotificationKind.SlaBreached, new Recipient(RecipientRole.ManagementTeam));

        for (var i = 0; i < 3; i++) await sender.SendAsync(notification, CancellationToken.None);
        var afterThree = (server.Connections, sender.ConnectionsOpened);
        server.DropConnections();
        await sender.SendAsync(notification, CancellationToken.None);
        var afterDrop = server.Connections;
        clock.Advance(email.Smtp.IdleTimeout);
        await sender.SendAsync(notification, CancellationToken.None);

        Assert.Equal((1, 1), afterThree);
        // The server closed the idle session: the message went on a new connection, not back to the outbox.
        Assert.Equal(2, afterDrop);
        // Unused for the idle timeout: closed and replaced rather than trusted.
        Assert.Equal(3, server.Connections);
        Assert.Equal(5, server.Received.Count);
        Assert.All(server.Received, m => Assert.Equal("u", m.User));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_failure()
    {
        var email = new EmailOptions { Smtp = new SmtpOptions { Host = "127.0.0.1", Port = 1, UseStartTls = false, Timeout = TimeSpan.FromSeconds(2) } };
        using var sender = new SmtpNotificationSender(email, new NotificationMessages(email, Routing));

        var error = await Record.ExceptionAsync(() => sender.SendAsync(Notify(NotificationKind.SlaBreached, new Recipient(RecipientRole.ManagementTeam)), CancellationToken.None));

        Assert.IsType<IOException>(error);
    }

    [Fact]
    public async Task The_pickup_folder_default_writes_parseable_eml_files_and_a_retry_overwrites()
    {
        var folder = Directory.CreateTempSubdirectory("pickup-").FullName;
        try
        {
            var email = new EmailOptions { PickupDirectory = folder };
            var sender = new PickupDirectorySender(email, new NotificationMessages(email, Routing));
            var notification = Notify(NotificationKind.ThreatFlagged, new Recipient(RecipientRole.VendorSupervisors, Vendor: "Unknown Vendor"));

            await sender.SendAsync(notification, CancellationToken.None);
            await sender.SendAsync(notification, CancellationToken.None);

            var file = Assert.Single(Directory.GetFiles(folder));
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal(["supervisors@example.com"], message.To.Mailboxes.Select(m => m.Address));
            Assert.Contains("No supervisors are configured for vendor Unknown Vendor", message.TextBody, StringComparison.Ordinal);
            Assert.NotNull(message.HtmlBody);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_burst_to_one_recipient_beyond_the_rate_waits_its_turn_and_nothing_fails()
    {
        await using var server = new SmtpTestServer();
        var email = new EmailOptions { MaxPerMinute = 3, Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, UseStartTls = false } };
        using var sender = new SmtpNotificationSender(email, new NotificationMessages(email, Routing));

        var sends = Enumerable.Range(0, 4).Select(i => sender.SendAsync(
            new Notification($"k{i}", NotificationKind.ThreatFlagged, new Recipient(RecipientRole.Supervisor, SupervisorId: "sup-1"), Escalation()), CancellationToken.None)).ToList();
        await Task.WhenAll(sends.Take(3));
        await Task.Delay(200);

        Assert.Equal(3, server.Received.Count);
        Assert.False(sends[3].IsCompleted);
    }

    [Fact]
    public void Invalid_email_settings_are_named()
    {
        var problems = new EmailOptions { From = "not an address", TimeZone = "Mars/Olympus", Smtp = new SmtpOptions { Host = "smtp", Username = "u" } }.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Email:From", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:TimeZone", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Email:Smtp:Username", StringComparison.Ordinal));
    }
}
