using Microsoft.Extensions.Configuration;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

public class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var connection = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
    }

    [Fact]
    public void Identity_based_settings_reach_the_account_with_the_user_assigned_managed_identity()
    {
        var connection = From(("AzureWebJobsStorage:accountName", "stesc123"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Null(connection.ConnectionString);
        Assert.Equal(new Uri("https://stesc123.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stesc123.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<Azure.Identity.ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void Explicit_service_uris_win_and_nothing_configured_means_the_emulator()
    {
        var sovereign = From(("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.usgovcloudapi.net"), ("AzureWebJobsStorage:queueServiceUri", "https://acct.queue.core.usgovcloudapi.net"));

        Assert.Equal("acct.table.core.usgovcloudapi.net", sovereign.TableServiceUri!.Host);
        Assert.IsType<Azure.Identity.DefaultAzureCredential>(sovereign.Credential);
        Assert.Equal("UseDevelopmentStorage=true", From().ConnectionString);
    }
}
