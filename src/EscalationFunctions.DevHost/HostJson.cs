using System.Text.Json;

namespace EscalationFunctions.DevHost;

/// <summary>What the development host takes from host.json, which the function app's build copies beside it.</summary>
public static class HostJson
{
    /// <summary><c>extensions.http.routePrefix</c>; "api" (the Functions host's default) when absent.</summary>
    public static string RoutePrefix(string directory)
    {
        var path = Path.Combine(directory, "host.json");
        if (!File.Exists(path)) return "api";
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix)
            && prefix.GetString() is { } value
            ? value
            : "api";
    }
}
