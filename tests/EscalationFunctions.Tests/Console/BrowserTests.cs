namespace EscalationFunctions.Tests.Console;

/// <summary>The browser tests share one Chromium and one Azurite, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<AzuriteFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
