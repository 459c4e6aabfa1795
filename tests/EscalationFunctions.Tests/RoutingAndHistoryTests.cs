using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EscalationFunctions.Tests;

/// <summary>Who is emailed follows the routing settings, and the Communication History Log says who actually was.</summary>
[Collection(ApiTests.Name)]
public class RoutingAndHistoryTests(AzuriteFixture azurite)
{
    private static async Task<string> AwaitingSupervisorAsync(TestApp app, string vendor)
    {
        var created = await app.PostAsync("/api/escalations", TestApp.Intake("contact-" + Guid.NewGuid().ToString("N"), "acct-" + Guid.NewGuid().ToString("N")[..8], vendor: vendor));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await TestApp.ReadAsync(created)).GetProperty("id").GetString()!;
        await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        return id;
    }

    private static JsonElement Notified(JsonElement escalation) =>
        escalation.GetProperty("history").EnumerateArray().Last(h => h.GetProperty("action").GetString() == "notified");

    [Fact]
    public async Task A_vendor_with_no_address_falls_back_to_the_in_house_supervisors_and_the_history_says_so()
    {
        await using var smtp = new SmtpTestServer();
        await using var app = TestApp.Start(azurite.Azurite, smtp.Settings());
        var id = await AwaitingSupervisorAsync(app, vendor: "Globex");

        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.Dispatched();

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["supervisors@example.com"], mail.To);
        var delivery = Notified(await app.GetEscalationAsync(id)).GetProperty("delivery");
        Assert.Equal(["supervisors@example.com"], delivery.GetProperty("to").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("vendor Globex", delivery.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains($"Message-ID: <{delivery.GetProperty("messageId").GetString()}>", mail.Data, StringComparison.OrdinalIgnoreCase);
        // The account's copy of the log says the same.
        var account = await TestApp.ReadAsync(await app.Client.GetAsync($"/api/accounts/{(await app.GetEscalationAsync(id)).GetProperty("accountId").GetString()}/history"));
        var copy = account.GetProperty("items").EnumerateArray().First(h => h.GetProperty("action").GetString() == "notified");
        Assert.Equal(delivery.GetProperty("messageId").GetString(), copy.GetProperty("delivery").GetProperty("messageId").GetString());
    }

    [Theory]
    [InlineData("lead-a@contoso.test;lead-b@contoso.test")]
    [InlineData("lead-a@contoso.test, lead-b@contoso.test")]
    public async Task A_list_given_as_one_value_reaches_every_address(string vendorSupervisors)
    {
        await using var smtp = new SmtpTestServer();
        await using var app = TestApp.Start(azurite.Azurite, smtp.Settings(("Routing:Vendors:Initech:Supervisors", vendorSupervisors)));
        var id = await AwaitingSupervisorAsync(app, vendor: "Initech");

        await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
        await app.Dispatched();

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(["lead-a@contoso.test", "lead-b@contoso.test"], mail.To);
        var delivery = Notified(await app.GetEscalationAsync(id)).GetProperty("delivery");
        Assert.False(delivery.TryGetProperty("note", out var note) && note.ValueKind != JsonValueKind.Null, "No fallback, so no note.");
    }
}
