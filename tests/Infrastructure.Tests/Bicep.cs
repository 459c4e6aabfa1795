using System.Diagnostics;
using System.Reflection;
using Escalations.Testing;

namespace Infrastructure.Tests;

internal static class Bicep
{
    public static readonly string Infra = Path.Combine(AzuriteProcess.RepositoryRoot(), "infra-bicep");

    private static string Cli => typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!
        .Replace('\\', '/');

    public static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
