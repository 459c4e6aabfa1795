using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationFunctions.Http;

/// <summary>The API's JSON: camelCase, enums by camelCase name only, unknown members refused, bounded depth; members without a value are left out.</summary>
public static partial class ApiJson
{
    private static readonly string[] Required = ["This field is required."];

    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new Rfc3339Converter());
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        // Numbers are numbers: "2" is not read as 2 (the web defaults would), so the document can say integer.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = 16;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }

    /// <summary>
    /// Reads a JSON body into <typeparamref name="T"/>, or explains why not as a problem naming the field:
    /// 415 for a body that is not JSON, 413 past the size limit, 400 for anything malformed.
    /// </summary>
    /// <param name="none">For an optional body: what a JSON <c>null</c> body means (a member or body without a value is absent).</param>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken, Func<T>? none = null)
        where T : class
    {
        if (request.ContentLength is > 0 or null && !IsJson(request.ContentType))
            return (null, Problems.UnsupportedMediaType());
        if (request.ContentLength > maxBytes) return (null, Problems.TooLarge(maxBytes));

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return (null, Problems.TooLarge(maxBytes));
        }

        if (buffer.Length == 0) return (null, Problems.Validation("body", "A JSON body is required."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            if (value is null && none is not null) return (none(), null);
            return value is null ? (null, Problems.Validation("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Validation(Describe<T>(ex)));
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Turns a deserialization failure into field → message, in the caller's terms.</summary>
    internal static Dictionary<string, string[]> Describe<T>(JsonException ex)
    {
        var message = ex.Message;
        var missing = MissingPattern().Match(message);
        if (missing.Success)
        {
            var prefix = Field(ex.Path);
            return QuotedPattern().Matches(missing.Groups[1].Value)
                .ToDictionary(m => prefix == "body" ? m.Groups[1].Value : $"{prefix}.{m.Groups[1].Value}", _ => Required);
        }

        var field = Field(ex.Path);
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = QuotedPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : "member";
            return new() { [field == "body" ? name : field] = [$"Unknown member '{name}'."] };
        }

        if (message.Contains("depth", StringComparison.OrdinalIgnoreCase))
            return new() { ["body"] = ["The JSON is nested too deeply."] };

        var allowed = EnumValuesAt(typeof(T), field);
        return new()
        {
            [field] = [allowed is null ? "The value is not valid here (malformed JSON or the wrong type)." : $"Must be one of: {string.Join(", ", allowed)}."],
        };
    }

    /// <summary>"$.agent.affiliation" → "agent.affiliation"; "$" or nothing → "body".</summary>
    private static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <summary>The allowed names when the field is an enum (or a list or nullable of one).</summary>
    private static IEnumerable<string>? EnumValuesAt(Type root, string field)
    {
        var type = root;
        foreach (var segment in IndexPattern().Replace(field, "").Split('.'))
        {
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (property is null) return null;
            type = Unwrap(property.PropertyType);
        }

        return type.IsEnum ? Enum.GetNames(type).Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)) : null;
    }

    private static Type Unwrap(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return inner;
        if (type.IsGenericType && type.GetGenericArguments() is [var element]) return Unwrap(element);
        return type;
    }

    [GeneratedRegex("missing required properties including: (.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingPattern();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}
