namespace EscalationFunctions.DevHost;

/// <summary>Which engine the development host runs the orchestrations on (<c>DevHost:TaskHub:Engine</c>).</summary>
public enum TaskHubEngine
{
    /// <summary>Durable Functions' Azure Storage provider on the app's storage account (Azurite locally): durable, as in Azure.</summary>
    AzureStorage,
    /// <summary>In memory, gone with the process: for tests that are not about durability.</summary>
    InMemory,
}
