using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Escalations.Notifications;
using EscalationFunctions.Tests.Console;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public partial class ActionLinkTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> WithLinks = new Dictionary<string, string?>
    {
        ["Security:ActionLinkKey"] = "action-link-signing-key-for-tests-0123456789",
        ["Email:PublicBaseUrl"] = "https://escalations.example.com",
    }.Concat(SignedInClient.Settings([("sup-5", "Sam Five"), ("sup-6", "Sky Six")])).ToDictionary();

    /// <summary>A BPO callback request, and the links its email to the vendor's supervisors carries, by label.</summary>
    private static async Task<(string Id, Dictionary<string, string> Links)> CallbackEmailAsync(TestApp app)
    {
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.Dispatched();
        var message = await MimeMessage.LoadAsync(Assert.Single(app.MailFiles(), f => f.Contains("CallbackRequest", StringComparison.Ordinal)));
        var links = LinkLine().Matches(message.TextBody ?? "").ToDictionary(m => m.Groups[1].Value, m => new Uri(m.Groups[2].Value).PathAndQuery);
        Assert.Contains("https://escalations.example.com/api/links/", message.HtmlBody, StringComparison.Ordinal);
        return (id, links);
    }

    private static Task<HttpResponseMessage> Submit(TestApp app, string path, params (string, string)[] fields) =>
        app.Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));

    [Fact]
    public async Task A_link_asks_for_sign_in_shows_a_confirmation_on_get_acts_once_as_the_signed_in_person_and_a_replay_changes_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite, WithLinks);
        var (id, links) = await CallbackEmailAsync(app);
        var claim = links["Claim this callback"];
        var before = (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32();
        using var anonymous = await SignedInClient.AnonymousAsync(app);
        using var sam = await SignedInClient.AsAsync(app, "sup-5");
        using var sky = await SignedInClient.AsAsync(app, "sup-6");

        var signInFirst = await anonymous.Client.GetAsync(claim);
        var anonymousPost = await anonymous.PostFormAsync(claim);
        var page = await sam.Client.GetAsync(claim);
        var pageAgain = await sam.Client.GetAsync(claim);
        var afterGets = (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32();
        var noToken = await sam.Client.PostAsync(claim, new FormUrlEncodedContent([new("supervisorId", "sup-6")]));
        var done = await sam.PostFormAsync(claim, ("supervisorId", "sup-6"));
        var replay = await sky.PostFormAsync(claim);

        Assert.Equal(4, links.Count);
        Assert.Equal(HttpStatusCode.Redirect, signInFirst.StatusCode);
        Assert.StartsWith("/api/console/sign-in?returnUrl=" + Uri.EscapeDataString(claim), signInFirst.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousPost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var confirmation = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\">", confirmation, StringComparison.Ordinal);
        Assert.Contains("You act as <b>Sam Five</b> (sup-5)", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"supervisorId\"", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pageAgain.StatusCode);
        Assert.Equal(before, afterGets);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var escalation = await app.GetEscalationAsync(id);
        // As the signed-in person, whatever the form says.
        Assert.Equal("sup-5", escalation.GetProperty("callback").GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal("Sam Five", escalation.GetProperty("callback").GetProperty("owner").GetProperty("name").GetString());
        Assert.Equal(before + 1, escalation.GetProperty("version").GetInt32());
        Assert.Equal("emailLink", escalation.GetProperty("history").EnumerateArray().Last().GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Completing_and_asking_management_through_links_go_through_the_same_rules_as_the_api()
    {
        await using var app = TestApp.Start(azurite.Azurite, WithLinks);
        var (id, links) = await CallbackEmailAsync(app);
        using var sam = await SignedInClient.AsAsync(app, "sup-5");

        var noReason = await sam.PostFormAsync(links["Request management assistance"]);
        var needsManagement = await sam.PostFormAsync(links["Mark the callback completed: needs management"], ("notes", "wants an exception"));
        var tooLate = await sam.PostFormAsync(links["Mark the callback completed: resolved"]);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, needsManagement.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Contains("ManagementEngaged", await tooLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var completed = (await app.GetEscalationAsync(id)).GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "callbackCompleted");
        Assert.Equal("sup-5", completed.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("managementEngaged", (await app.GetEscalationAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Forged_tampered_and_expired_links_get_a_clear_page_and_change_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite, WithLinks);
        var (id, links) = await CallbackEmailAsync(app);
        var token = links["Mark the callback completed: resolved"]["/api/links/".Length..];
        var (payload, signature) = (token[..token.IndexOf('.', StringComparison.Ordinal)], token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var forged = payload + "." + WebEncoders.Base64UrlEncode(new byte[32]);
        var json = JsonSerializer.Deserialize<JsonElement>(WebEncoders.Base64UrlDecode(payload));
        var changed = json.GetRawText().Replace("CompleteResolved", "ClaimCallback", StringComparison.Ordinal);
        Assert.NotEqual(json.GetRawText(), changed);
        var tampered = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(changed)) + "." + signature;
        var linksService = app.Services.GetRequiredService<ActionLinks>();
        var expired = linksService.Encode(new ActionLink(id, LinkAction.CompleteResolved, DateTimeOffset.UtcNow.AddMinutes(-1), "nonce-1"));
        var before = (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32();

        var responses = new[]
        {
            await app.Client.GetAsync($"/api/links/{forged}"),
            await Submit(app, $"/api/links/{forged}", ("supervisorId", "sup-5")),
            await Submit(app, $"/api/links/{tampered}", ("supervisorId", "sup-5")),
            await Submit(app, "/api/links/garbage", ("supervisorId", "sup-5")),
            await app.Client.GetAsync($"/api/links/{expired}"),
            await Submit(app, $"/api/links/{expired}", ("supervisorId", "sup-5")),
        };

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Gone, HttpStatusCode.Gone],
            responses.Select(r => r.StatusCode));
        Assert.Contains("expired", await responses[4].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Without_a_signing_key_emails_carry_no_links_and_link_urls_are_refused()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await EscalationsApiTests.StartAsync(app);
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);

        await app.Dispatched();

        var message = await MimeMessage.LoadAsync(Assert.Single(app.MailFiles(), f => f.Contains("CallbackRequest", StringComparison.Ordinal)));
        var response = await app.Client.GetAsync("/api/links/abc.def");

        Assert.DoesNotContain("/api/links/", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [GeneratedRegex(@"^- (.+): (https://\S+)$", RegexOptions.Multiline)]
    private static partial Regex LinkLine();
}
