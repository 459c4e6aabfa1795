using System.Net;

namespace EscalationFunctions.Tests;

[Collection(ApiTests.Name)]
public class HealthAndOutageTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task During_a_storage_outage_health_says_so_and_requests_fail_fast_with_503_then_recover()
    {
        await using var tables = new TcpRelay(azurite.Azurite.TablePort);
        await using var queues = new TcpRelay(azurite.Azurite.QueuePort);
        await using var app = TestApp.Start(azurite.Azurite, connectionString: azurite.Azurite.ConnectionStringVia(queues.Port, tables.Port));
        var healthy = await app.Client.GetAsync("/api/health");
        var id = await EscalationsApiTests.StartAsync(app);

        tables.Cut();
        queues.Cut();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var down = await app.Client.GetAsync("/api/health");
        var refused = await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
        clock.Stop();
        // How fast it fails is a figure, printed (the client would time out long before a hang).
        output.WriteLine($"health and the refused request answered in {clock.Elapsed.TotalMilliseconds:0} ms");
        tables.Restore();
        queues.Restore();
        var after = await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("unreachable", (await TestApp.ReadAsync(down)).GetProperty("storage").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("urn:escalation-functions:problem:storage-unavailable", (await TestApp.ReadAsync(refused)).GetProperty("type").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, (await TestApp.ReadAsync(after)).GetProperty("version").GetInt32());
    }
}
