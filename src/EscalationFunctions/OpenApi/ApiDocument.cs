namespace EscalationFunctions.OpenApi;

/// <summary>
/// The OpenAPI document, served as checked in (<c>docs/openapi/v1.json</c>, embedded at build): the document is the
/// contract integrators build from, and the tests hold every answer and every function's route to it.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    /// <summary>The document's bytes, read once from the assembly.</summary>
    public static byte[] Bytes { get; } = Load();

    private static byte[] Load()
    {
        using var stream = typeof(ApiDocument).Assembly.GetManifestResourceStream("openapi-v1.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
