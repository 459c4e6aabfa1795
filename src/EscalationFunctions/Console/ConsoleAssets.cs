using System.Reflection;
using System.Security.Cryptography;

namespace EscalationFunctions.Console;

/// <summary>The console's stylesheet and script, embedded in the app (no CDN, works offline), served with an ETag.</summary>
public static class ConsoleAssets
{
    private static readonly Dictionary<string, (byte[] Bytes, string ContentType, string ETag)> Files = Load();

    public static IResult Serve(string name, HttpContext context)
    {
        if (!Files.TryGetValue(name, out var file)) return Results.NotFound();
        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        return context.Request.Headers.IfNoneMatch.ToString() == file.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(file.Bytes, file.ContentType);
    }

    private static Dictionary<string, (byte[], string, string)> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("EscalationFunctions.Console.Assets." + name)
                ?? throw new InvalidOperationException($"The console asset {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[name] = (bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        }

        return files;
    }
}
