using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace EscalationFunctions.Tests.Console;

/// <summary>
/// The console in a real Chromium against the real app (Kestrel, Azurite, the standalone pumps firing real timers):
/// the scenarios a supervisor and a manager go through in a shift, and an accessibility scan of every page.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class ConsoleBrowserTests(AzuriteFixture azurite, BrowserFixture chromium)
{
    private static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(ConsolePage.People) { ["Console:RefreshInterval"] = "00:00:00.500" };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    private static async Task<string> StartAsync(TestApp app, string account, string affiliation = "bpo", string[]? threats = null, string? disclosure = null, string? notes = null)
    {
        var response = await app.PostAsync("/api/escalations", TestApp.Intake("cx-" + Guid.NewGuid().ToString("N")[..10], account, affiliation, threats: threats, disclosure: disclosure, notes: notes));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await TestApp.ReadAsync(response)).GetProperty("id").GetString()!;
    }

    private static async Task HoldAsync(TestApp app, string id) =>
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false })).StatusCode);

    private static async Task OpenCallbackAsync(TestApp app, string id)
    {
        await HoldAsync(app, id);
        Assert.Equal(HttpStatusCode.OK, (await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null)).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_sees_a_hold_appear_live_picks_it_up_and_another_supervisor_sees_it_leave_and_is_told_plainly_when_too_late()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings());
        var pat = await ConsolePage.OpenAsync(chromium.Browser, app);
        var robin = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(pat, "Pat Lee");
        await ConsolePage.SignInAsync(robin, "Robin Diaz");
        await Expect(pat.GetByRole(AriaRole.Heading, new() { Name = "Holding now" })).ToBeVisibleAsync();
        await Expect(pat.Locator(".count")).ToHaveTextAsync("0 callers are holding for a supervisor.");

        // A caller is put on hold while both pages are open: it appears on both without a reload.
        var id = await StartAsync(app, "A-1001", threats: ["bbb"]);
        await HoldAsync(app, id);
        var patRow = pat.Locator($"[id='row-{id}']");
        var robinRow = robin.Locator($"[id='row-{id}']");
        await Expect(patRow).ToBeVisibleAsync();
        await Expect(robinRow).ToBeVisibleAsync();
        await Expect(patRow).ToContainTextAsync("BBB");
        // The hold countdown ticks in the browser, from the server's due time.
        await Expect(patRow.Locator("time.countdown")).ToHaveTextAsync(CountingDown());
        await ConsolePage.AssertAccessibleAsync(pat);
        await ConsolePage.ScreenshotAsync(pat, "holding");

        // Robin opens the escalation; Pat picks up first.
        await robin.GotoAsync($"/api/console/escalations/{id}");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Pick up the call" }).WaitForAsync();
        await robin.GotoAsync("/api/console/holding");
        await Expect(robinRow).ToBeVisibleAsync();
        var robinDetail = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(robinDetail, "Robin Diaz", $"/api/console/escalations/{id}");

        await patRow.GetByRole(AriaRole.Button, new() { Name = $"Pick up {id}" }).ClickAsync();
        await Expect(pat.Locator(".notice")).ToHaveTextAsync("You picked up the call: you are now handling it.");
        await Expect(pat.Locator(".state")).ToHaveTextAsync("Supervisor handling");
        await Expect(robinRow).ToHaveCountAsync(0);

        await robinDetail.GetByRole(AriaRole.Button, new() { Name = "Pick up the call" }).ClickAsync();
        await Expect(robinDetail.GetByRole(AriaRole.Heading, new() { Name = "Not possible now" })).ToBeVisibleAsync();
        await Expect(robinDetail.Locator(".problem")).ToContainTextAsync("sup-1");

        var escalation = await app.GetEscalationAsync(id);
        Assert.Equal("supervisorHandling", escalation.GetProperty("status").GetString());
        Assert.Equal("sup-1", escalation.GetProperty("supervisor").GetProperty("id").GetString());
        Assert.Equal("Pat Lee", escalation.GetProperty("supervisor").GetProperty("name").GetString());
        Assert.Equal("console", escalation.GetProperty("history").EnumerateArray().Last().GetProperty("channel").GetString());
        await ConsolePage.AssertAccessibleAsync(pat);
    }

    [Fact]
    public async Task The_holding_list_is_worked_from_the_keyboard_and_a_live_update_leaves_the_focus_where_it_was()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings());
        var first = await StartAsync(app, "A-1101");
        await HoldAsync(app, first);
        await app.Dispatched();
        var page = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(page, "Pat Lee");
        await Expect(page.Locator($"[id='row-{first}']")).ToBeVisibleAsync();

        // Tab from the top of the page to the row's button: the skip link, the navigation, the escalation and account links.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip")).ToBeFocusedAsync();
        var button = page.Locator($"[id='pickup-{first}']");
        for (var i = 0; i < 15 && !await button.EvaluateAsync<bool>("b => b === document.activeElement"); i++) await page.Keyboard.PressAsync("Tab");
        await Expect(button).ToBeFocusedAsync();

        // Another caller starts holding: the list changes under the focused button, which keeps the focus.
        var second = await StartAsync(app, "A-1102");
        await HoldAsync(app, second);
        await Expect(page.Locator($"[id='row-{second}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Updated: 2 callers are holding for a supervisor.");
        await Expect(button).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".notice")).ToHaveTextAsync("You picked up the call: you are now handling it.");
        Assert.Equal("supervisorHandling", (await app.GetEscalationAsync(first)).GetProperty("status").GetString());
        Assert.Equal("awaitingSupervisor", (await app.GetEscalationAsync(second)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_callback_is_found_by_filters_claimed_its_call_attempts_recorded_and_completed_from_the_console_as_the_signed_in_supervisor()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings(("Escalation:MaxCallbackAttempts", "2")));
        var mine = await StartAsync(app, "A-2001", threats: ["lawyer", "socialMedia"]);
        var other = await StartAsync(app, "A-2002", affiliation: "inHouse");
        await OpenCallbackAsync(app, mine);
        await OpenCallbackAsync(app, other);
        await app.Dispatched();

        var page = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(page, "Pat Lee", "/api/console/callbacks");
        var row = page.Locator($"[id='row-{mine}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator($"[id='row-{other}']")).ToBeVisibleAsync();
        await Expect(row.Locator(".phase")).ToHaveTextAsync("On time");
        await Expect(row).ToContainTextAsync("Lawyer");
        await Expect(row).ToContainTextAsync("Acme");

        await page.GetByLabel("Vendor").SelectOptionAsync("Acme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await Expect(page.Locator($"[id='row-{other}']")).ToHaveCountAsync(0);
        await ConsolePage.AssertAccessibleAsync(page);
        await ConsolePage.ScreenshotAsync(page, "callbacks");

        await page.GetByLabel("Mine only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator(".count")).ToHaveTextAsync("0 open callback requests match the filters.");

        await page.GotoAsync("/api/console/callbacks");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Claim {mine}" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("You own this callback.");
        await Expect(row).ToContainTextAsync("sup-1 (you)");
        await page.GetByLabel("Mine only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();

        // Two calls that do not reach the customer: counted, the last outcome shown, and (at the configured two) flagged unreachable.
        await row.GetByLabel($"Call attempt outcome for {mine}").SelectOptionAsync("noAnswer");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Record attempt {mine}" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Call attempt recorded.");
        await Expect(row).ToContainTextAsync("1 (last: no answer)");
        await row.GetByLabel($"Call attempt outcome for {mine}").SelectOptionAsync("voicemailLeft");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Record attempt {mine}" }).ClickAsync();
        await Expect(row).ToContainTextAsync("2 (last: no answer, voicemail left) Unreachable");
        await page.GetByLabel("Unreachable only").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(row).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = $"Open {mine}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Escalation {mine}" })).ToBeVisibleAsync();
        await Expect(page.Locator(".script")).ToContainTextAsync("callback");
        await ConsolePage.AssertAccessibleAsync(page);
        await ConsolePage.ScreenshotAsync(page, "escalation");
        await page.GetByLabel("Resolved", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Notes on the callback (optional)").FillAsync("Refund approved on the callback.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete the callback" }).ClickAsync();
        await Expect(page.Locator(".notice")).ToHaveTextAsync("Callback completed.");
        await Expect(page.Locator(".state")).ToHaveTextAsync("Resolved");

        var escalation = await app.GetEscalationAsync(mine);
        Assert.Equal("resolved", escalation.GetProperty("status").GetString());
        var completed = escalation.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "callbackCompleted");
        Assert.Equal("sup-1", completed.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("console", completed.GetProperty("channel").GetString());
        var attempts = escalation.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("action").GetString() == "callbackAttempted").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("sup-1", a.GetProperty("actor").GetProperty("id").GetString()));
        Assert.Equal("callbackPending", (await app.GetEscalationAsync(other)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_breach_appears_in_the_management_view_when_its_timer_fires()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings(("Escalation:CallbackSla", "00:00:06")));
        var manager = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(manager, "Morgan Reyes", "/api/console/management");
        await Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Management view" })).ToBeVisibleAsync();
        await Expect(manager.Locator(".count")).ToHaveTextAsync("0 breached, 0 with management.");

        var id = await StartAsync(app, "A-3001", threats: ["socialMedia"]);
        await OpenCallbackAsync(app, id);
        var row = manager.Locator($"[id='row-{id}']");
        // Nothing to see until the 6-second SLA runs out; then the timer fires and the list updates by itself.
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator(".phase")).ToHaveTextAsync("SLA breached");
        await Expect(row.Locator("time.countdown")).ToHaveTextAsync(new Regex(" ago$"));
        Assert.Equal("slaBreached", (await app.GetEscalationAsync(id)).GetProperty("status").GetString());
        await ConsolePage.AssertAccessibleAsync(manager);
        await ConsolePage.ScreenshotAsync(manager, "management");

        // The management view is for the management role only.
        var supervisor = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(supervisor, "Pat Lee");
        await Expect(supervisor.GetByRole(AriaRole.Link, new() { Name = "Management" })).ToHaveCountAsync(0);
        var refused = await supervisor.GotoAsync("/api/console/management");
        Assert.Equal(403, refused!.Status);
    }

    [Fact]
    public async Task The_account_page_shows_the_history_across_escalations_and_a_medical_disclosure_only_as_transferred_to_customer_service()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings());
        var callback = await StartAsync(app, "A-4001", threats: ["bbb"]);
        await OpenCallbackAsync(app, callback);
        var medical = await StartAsync(app, "A-4001", disclosure: "medicalEmergency", notes: "sentinel-condition-text");
        await app.Dispatched();

        var page = await ConsolePage.OpenAsync(chromium.Browser, app);
        await ConsolePage.SignInAsync(page, "Pat Lee", "/api/console/accounts");
        await page.GetByLabel("Account id").FillAsync("A-4001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show history" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account A-4001", Exact = true })).ToBeVisibleAsync();
        var log = page.Locator("table.log");
        await Expect(log).ToContainTextAsync(callback);
        await Expect(log).ToContainTextAsync(medical);
        await Expect(log).ToContainTextAsync("Transferred to Customer Service");
        await ConsolePage.AssertAccessibleAsync(page);
        await ConsolePage.ScreenshotAsync(page, "account");
        AssertNothingMedical(await page.ContentAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = medical }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Escalation {medical}" })).ToBeVisibleAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("Transferred to Customer Service");
        AssertNothingMedical(await page.ContentAsync());
        await ConsolePage.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_group_email_link_requires_sign_in_and_acts_as_that_person()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings(
            ("Security:ActionLinkKey", "action-link-signing-key-for-tests-0123456789"), ("Email:PublicBaseUrl", "http://link.example")));
        var id = await StartAsync(app, "A-5001");
        await OpenCallbackAsync(app, id);
        await app.Dispatched();
        var message = await MimeMessage.LoadAsync(Assert.Single(app.MailFiles(), f => f.Contains("CallbackRequest", StringComparison.Ordinal)));
        var claim = new Uri(ClaimLink().Match(message.TextBody!).Groups[1].Value).PathAndQuery;

        var page = await ConsolePage.OpenAsync(chromium.Browser, app);
        await page.GotoAsync(claim);
        // Holding the link is not enough: the page asks who you are, then brings you back.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Robin Diaz") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claim this callback" })).ToBeVisibleAsync();
        await Expect(page.GetByText("You act as Robin Diaz (sup-2).")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your supervisor id")).ToHaveCountAsync(0);
        await ConsolePage.AssertAccessibleAsync(page);
        await ConsolePage.ScreenshotAsync(page, "email-link");
        await page.GetByRole(AriaRole.Button, new() { Name = "Claim this callback" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Done" })).ToBeVisibleAsync();

        var owner = (await app.GetEscalationAsync(id)).GetProperty("callback").GetProperty("owner");
        Assert.Equal("sup-2", owner.GetProperty("id").GetString());
        Assert.Equal("Robin Diaz", owner.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_forged_principal_header_is_refused_when_the_app_is_not_configured_to_trust_it()
    {
        await using var app = TestApp.Start(azurite.Azurite, Settings());
        var forged = Principal(("preferred_username", "mgr-1"), ("name", "Not Morgan"), ("roles", "Escalations.Management"));
        var page = await ConsolePage.OpenAsync(chromium.Browser, app, new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = forged },
        });

        var response = await page.GotoAsync("/api/console/management");

        Assert.Equal(401, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in header refused" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as")).ToHaveCountAsync(0);
        var id = await StartAsync(app, "A-6001");
        await OpenCallbackAsync(app, id);
        var action = await page.APIRequest.PostAsync($"/api/console/escalations/{id}/claim", new() { Form = page.APIRequest.CreateFormData().Set("version", "3") });
        Assert.Equal(401, action.Status);
        Assert.False((await app.GetEscalationAsync(id)).GetProperty("callback").TryGetProperty("owner", out var owner) && owner.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Behind_App_Service_Authentication_the_principal_header_signs_the_person_in_with_the_configured_claim_and_role()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Console:SignIn"] = "AppServiceAuthentication",
            ["Console:SupervisorIdClaim"] = "preferred_username",
            ["Console:ManagementRole"] = "Escalations.Management",
        });
        var principal = Principal(("preferred_username", "dana@contoso.example"), ("name", "Dana Park"), ("roles", "Escalations.Management"));
        var page = await ConsolePage.OpenAsync(chromium.Browser, app, new BrowserNewContextOptions
        {
            // What App Service Authentication adds to every request of a signed-in person.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = principal },
        });
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };

        await page.GotoAsync("/api/console/management");
        var signIn = await anonymous.GetAsync("/api/console/holding");
        var devSignIn = await anonymous.GetAsync("/api/console/sign-in");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Management view" })).ToBeVisibleAsync();
        await Expect(page.Locator(".who")).ToContainTextAsync("Dana Park (dana@contoso.example) · management");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fconsole%2Fholding", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, devSignIn.StatusCode);
        Assert.StartsWith("/.auth/login/aad", devSignIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>An <c>X-MS-CLIENT-PRINCIPAL</c> value, as App Service Authentication writes it.</summary>
    private static string Principal(params (string Type, string Value)[] claims) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
        System.Text.Json.JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            name_typ = "name",
            role_typ = "roles",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
        })));

    private static void AssertNothingMedical(string html)
    {
        foreach (var word in new[] { "edical", "isclos", "sentinel-condition-text", "high-risk", "severity" })
            Assert.DoesNotContain(word, html, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^in (\d+h \d\dm |\d+m )?\d+s$")]
    private static partial Regex CountingDown();

    [GeneratedRegex(@"^- Claim this callback: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex ClaimLink();
}
