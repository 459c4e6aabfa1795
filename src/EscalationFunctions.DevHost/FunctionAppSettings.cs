using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace EscalationFunctions.DevHost;

/// <summary>
/// The function app's appsettings.json and appsettings.{Environment}.json, read from beside this host's assembly
/// (the app's build copies them there), since this host's content root is its own folder, where they are not.
/// </summary>
public static class FunctionAppSettings
{
    /// <summary>Added first, below every other source, as if read from the content root: settings and variables still win.</summary>
    public static void AddTo(IHostApplicationBuilder builder)
    {
        var files = new PhysicalFileProvider(AppContext.BaseDirectory);
        var sources = builder.Configuration.Sources;
        sources.Insert(0, new JsonConfigurationSource { FileProvider = files, Path = $"appsettings.{builder.Environment.EnvironmentName}.json", Optional = true });
        sources.Insert(0, new JsonConfigurationSource { FileProvider = files, Path = "appsettings.json", Optional = true });
    }
}
