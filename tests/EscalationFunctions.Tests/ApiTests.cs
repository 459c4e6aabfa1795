namespace EscalationFunctions.Tests;

[CollectionDefinition(Name)]
public sealed class ApiTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Api";
}
