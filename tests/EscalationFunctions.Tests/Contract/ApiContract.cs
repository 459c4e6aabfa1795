using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using NJsonSchema;

namespace EscalationFunctions.Tests.Contract;

/// <summary>
/// The served OpenAPI document as a checker: which operation a request is, which answers that operation
/// documents, and whether an answer's status, content type and body match. Covers every operation in the
/// document, so a new function is checked without a line here.
/// </summary>
public sealed class ApiContract
{
    private static readonly ConcurrentDictionary<string, Lazy<ApiContract>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Served but not operations of the API: the reference page, the document itself, the email-link and console pages.</summary>
    private static readonly string[] Undocumented = ["/api/reference", "/api/openapi", "/api/links", "/api/console"];

    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly List<(HttpMethod Method, string Template, Regex Path, int Literals)> _operations = [];

    private ApiContract(string json)
    {
        Json = JsonNode.Parse(json)!.AsObject();
        var read = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        Errors = read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}").ToList() ?? [];
        Document = read.Document ?? throw new InvalidOperationException("The served document could not be read: " + string.Join("; ", Errors));
        foreach (var (template, item) in Document.Paths)
        {
            var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
            foreach (var method in item.Operations?.Keys.ToList() ?? [])
                _operations.Add((method, template, new Regex(pattern), template.Split('/').Count(s => !s.StartsWith('{'))));
        }

        _operations.Sort((a, b) => b.Literals.CompareTo(a.Literals));
    }

    public JsonObject Json { get; }
    public OpenApiDocument Document { get; }

    /// <summary>What Microsoft.OpenApi's reader found wrong with the document.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ApiContract For(string json) => Loaded.GetOrAdd(json, j => new Lazy<ApiContract>(() => new ApiContract(j))).Value;

    /// <summary>The documented operation a request is, by method and path template.</summary>
    public (string Template, OpenApiOperation Operation)? Match(HttpMethod method, string path)
    {
        foreach (var op in _operations)
            if (op.Method == method && op.Path.IsMatch(path)) return (op.Template, Document.Paths[op.Template].Operations![op.Method]);
        return null;
    }

    /// <summary>Everything wrong with one answer, in words; empty when it matches the document.</summary>
    public IReadOnlyList<string> Check(HttpMethod method, Uri uri, int status, string? contentType, string body)
    {
        var path = uri.AbsolutePath;
        var what = $"{method} {path} → {status}";
        // Kestrel refuses a request target with an encoded NUL before the app sees it: a bare 400, outside any document.
        if (status == 400 && body.Length == 0 && path.Contains("%00", StringComparison.Ordinal)) return [];
        if (Match(method, path) is not { } match)
        {
            // Not an operation: the Functions host's invocations and the undocumented pages are not the API's.
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || Undocumented.Any(u => path.StartsWith(u, StringComparison.Ordinal))) return [];
            // Anything else under /api that is no operation (an unknown address, a method the route does not take) is a problem.
            if (status < 400) return [$"{what}: answered, but the document has no such operation."];
            return CheckBody(what, contentType, body, ["application/problem+json"], _ => SchemaFor("#/components/schemas/ProblemDetails"));
        }

        var (template, operation) = match;
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses is null || !operation.Responses.TryGetValue(key, out var response))
            return [$"{what}: status {status} is not documented for {operation.OperationId} (documented: {string.Join(", ", operation.Responses?.Keys.ToList() ?? [])})."];
        if (response.Content is not { Count: > 0 } content)
            return body.Length == 0 ? [] : [$"{what}: the document says no body, but one was sent."];
        var pointer = Json["paths"]![template]![method.Method.ToLowerInvariant()]!["responses"]![key]!["content"]!;
        return CheckBody(what, contentType, body, content.Keys.ToList(), media => SchemaFor(pointer[media]!["schema"]!.ToJsonString()));
    }

    private static List<string> CheckBody(string what, string? contentType, string body, IReadOnlyList<string> documented, Func<string, JsonSchema> schema)
    {
        if (contentType is null || !documented.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            return [$"{what}: content type {contentType ?? "(none)"} is not documented ({string.Join(", ", documented)})."];
        // A text answer (the report's CSV) has a string schema: its content type is what can be checked.
        if (!contentType.EndsWith("json", StringComparison.OrdinalIgnoreCase)) return body.Length > 0 ? [] : [$"{what}: an empty {contentType} body."];
        var errors = schema(documented.First(d => string.Equals(d, contentType, StringComparison.OrdinalIgnoreCase))).Validate(body);
        return errors.Select(e => $"{what}: {e.Path} {e.Kind} ({e})").Prepend(errors.Count > 0 ? $"{what}: the body does not match the schema: {Clip(body)}" : "").Where(s => s.Length > 0).ToList();
    }

    /// <summary>A schema (a $ref into the components or an inline one) with the document's components as its definitions.</summary>
    public JsonSchema SchemaFor(string schemaJsonOrRef)
    {
        var json = schemaJsonOrRef.StartsWith('#') ? $$"""{"$ref":"{{schemaJsonOrRef}}"}""" : schemaJsonOrRef;
        return _schemas.GetOrAdd(json, j =>
        {
            var root = JsonNode.Parse(j)!.AsObject();
            root["definitions"] = Json["components"]!["schemas"]!.DeepClone();
            var text = root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
            return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
        });
    }

    private static string Clip(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
