using System.Net;
using System.Text.RegularExpressions;
using EscalationFunctions.Console;

namespace EscalationFunctions.Tests.Console;

/// <summary>The console's pages over plain HTTP: security headers, no inline script, CSRF on every form, escaping, the live list's 304s.</summary>
[Collection(ApiTests.Name)]
public sealed partial class ConsoleHttpTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Security:ActionLinkKey"] = "action-link-signing-key-for-tests-0123456789",
    }.Concat(ConsolePage.People).ToDictionary();

    private static async Task<string> CallbackAsync(TestApp app, string agentName = "Sam Agent")
    {
        var intake = await app.PostAsync("/api/escalations", new
        {
            contactId = "cx-" + Guid.NewGuid().ToString("N")[..10], accountId = "A-7001", category = "general",
            agent = new { id = "agent-1", name = agentName, affiliation = "bpo", vendor = "Acme" },
        });
        var id = (await TestApp.ReadAsync(intake)).GetProperty("id").GetString()!;
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.Dispatched();
        return id;
    }

    [Fact]
    public async Task Every_page_sends_the_security_headers_and_carries_no_inline_script_style_or_handler()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings);
        var id = await CallbackAsync(app);
        using var manager = await SignedInClient.AsAsync(app, "mgr-1");
        var link = Regex.Match(await File.ReadAllTextAsync(Assert.Single(app.MailFiles(), f => f.Contains("CallbackRequest", StringComparison.Ordinal))),
            @"/api/links/[A-Za-z0-9_\-.]+").Value;

        foreach (var path in new[]
        {
            "/api/console/holding", "/api/console/callbacks", "/api/console/management", "/api/console/accounts?accountId=A-7001",
            $"/api/console/escalations/{id}", "/api/console/sign-in", link, "/api/links/forged.link",
        })
        {
            var response = await manager.Client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.Equal(ConsoleGate.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", ConsoleGate.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.Contains("<script src=\"/api/console/assets/console.js\" defer></script>", html, StringComparison.Ordinal);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(InlineStyleOrHandler(), html);
            Assert.Matches("<html lang=\"en\">", html);
        }
    }

    [Fact]
    public async Task A_console_form_without_its_token_or_from_another_site_is_refused_and_changes_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings);
        var id = await CallbackAsync(app);
        using var pat = await SignedInClient.AsAsync(app, "sup-1");
        var version = (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var claim = $"/api/console/escalations/{id}/claim";

        var noToken = await pat.Client.PostAsync(claim, new FormUrlEncodedContent([new("version", version)]));
        var wrongToken = await pat.Client.PostAsync(claim, new FormUrlEncodedContent([new("version", version), new("csrf", new string('A', 43))]));
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, claim) { Content = new FormUrlEncodedContent([new("version", version), new("csrf", pat.Csrf)]) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        var fromElsewhere = await pat.Client.SendAsync(crossSite);
        var unchanged = (await app.GetEscalationAsync(id)).GetProperty("version").GetInt32();
        var ok = await pat.PostFormAsync(claim, ("version", version), ("returnTo", "https://evil.example/"));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture), unchanged);
        Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        // A return address outside the app is not followed.
        Assert.Equal($"/api/console/escalations/{id}?notice=claimed", ok.Headers.Location!.OriginalString);
        Assert.Equal("sup-1", (await app.GetEscalationAsync(id)).GetProperty("callback").GetProperty("owner").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Text_from_callers_and_supervisors_is_escaped_on_every_page()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings);
        const string Hostile = "<img src=x onerror=alert(1)>";
        var id = await CallbackAsync(app, agentName: Hostile);
        using var pat = await SignedInClient.AsAsync(app, "sup-1");
        await pat.PostFormAsync($"/api/console/escalations/{id}/management", ("version", "99"), ("reason", "<script>alert('reason')</script>"));

        var page = await pat.Client.GetStringAsync($"/api/console/escalations/{id}");
        var account = await pat.Client.GetStringAsync("/api/console/accounts?accountId=A-7001");

        foreach (var html in new[] { page, account })
        {
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;reason&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_list_answers_not_modified_until_it_changes()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings);
        using var pat = await SignedInClient.AsAsync(app, "sup-1");
        const string Live = "/api/console/callbacks?part=live";

        var first = await pat.Client.GetAsync(Live);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, Live);
        again.Headers.IfNoneMatch.Add(etag);
        var unchanged = await pat.Client.SendAsync(again);
        var id = await CallbackAsync(app);
        string? changed = null;
        await TestApp.Eventually(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Live);
            request.Headers.IfNoneMatch.Add(etag);
            var response = await pat.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) return false;
            changed = await response.Content.ReadAsStringAsync();
            return true;
        }, TimeSpan.FromSeconds(20), "the list to change");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("<html", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Contains($"row-{id}", changed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_sign_in_the_console_says_so_and_acts_for_nobody()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Console:SignIn"] = "None" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };

        var page = await client.GetAsync("/api/console/holding");
        var signIn = await client.GetAsync("/api/console/sign-in");

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("Sign-in is not configured", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\s(style|on[a-z]+)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrHandler();
}
