using Microsoft.Extensions.DependencyInjection;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

[Collection(AzuriteTests.Name)]
public class QueueEncodingTests(AzuriteFixture azurite)
{
    /// <summary>The Functions queue trigger reads Base64 (host.json says so explicitly); the standalone pump must write the same.</summary>
    [Fact]
    public async Task Outbox_messages_are_base64_json_as_the_functions_queue_trigger_reads_them()
    {
        await using var h = await RuntimeHarness.CreateAsync(azurite.Azurite);
        await h.Services.GetRequiredService<WorkQueues>().EnqueueOutboxAsync("esc-1", TimeSpan.Zero);
        var raw = new Azure.Storage.Queues.QueueClient(azurite.Azurite.ConnectionString, h.Clients.Outbox.Name);

        var message = (await raw.ReceiveMessagesAsync(1)).Value.Single();
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(message.Body.ToString()));
        using var hostJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteProcess.RepositoryRoot(), "host.json")));

        Assert.Equal("base64", hostJson.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
        Assert.Equal(new OutboxMessage("esc-1"), StorageJson.Deserialize<OutboxMessage>(json));
        Assert.Contains("\"escalationId\":\"esc-1\"", json, StringComparison.Ordinal);
    }
}
