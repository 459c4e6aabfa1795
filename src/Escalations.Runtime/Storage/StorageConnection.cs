using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Escalations.Runtime.Storage;

/// <summary>
/// How to reach the storage account, read the way the Functions host reads <c>AzureWebJobsStorage</c>: a connection
/// string, or identity-based settings (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c> and
/// <c>__queueServiceUri</c>, with <c>__credential: managedidentity</c> and <c>__clientId</c> for a user-assigned
/// identity). Nothing configured means the local emulator.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? TableServiceUri, Uri? QueueServiceUri, TokenCredential? Credential)
{
    public const string Setting = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static StorageConnection FromConnectionString(string connectionString) => new(connectionString, null, null, null);

    public static StorageConnection From(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connectionString) return FromConnectionString(connectionString);

        var section = configuration.GetSection(Setting);
        var account = section["accountName"];
        var table = section["tableServiceUri"] is { Length: > 0 } t ? new Uri(t) : account is { Length: > 0 } ? new Uri($"https://{account}.table.core.windows.net") : null;
        var queue = section["queueServiceUri"] is { Length: > 0 } q ? new Uri(q) : account is { Length: > 0 } ? new Uri($"https://{account}.queue.core.windows.net") : null;
        if (table is null || queue is null) return FromConnectionString(DevelopmentStorage);

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageConnection(null, table, queue, credential);
    }
}
