namespace Escalations.Testing;

/// <summary>One Azurite per test assembly; each test isolates itself with its own table and queue names.</summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteProcess.StartNewAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}
