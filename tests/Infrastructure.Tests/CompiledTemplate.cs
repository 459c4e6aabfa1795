using System.Text.Json;

namespace Infrastructure.Tests;

/// <summary>Builds infra-bicep/main.bicep once for the class.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        var output = Path.Combine(Path.GetTempPath(), $"main-{Guid.NewGuid():N}.json");
        var (code, text) = Bicep.Run("build", Path.Combine(Bicep.Infra, "main.bicep"), "--outfile", output);
        Assert.True(code == 0, text);
        Json = File.ReadAllText(output);
        Document = JsonDocument.Parse(Json);
        File.Delete(output);
    }

    public string Json { get; }
    public JsonDocument Document { get; }

    /// <summary>Every resource in the template and its nested deployments, with its type.</summary>
    public IEnumerable<JsonElement> Resources() => All(Document.RootElement);

    private static IEnumerable<JsonElement> All(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out var resources)) yield break;
        foreach (var resource in resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray())
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("template", out var inner))
                foreach (var nested in All(inner)) yield return nested;
        }
    }
}
