using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EscalationFunctions.Tests.Contract;

/// <summary>
/// Values made from a schema of the document, as a property-based test makes them: valid ones from what the schema
/// says (types, required members, enums, formats, patterns, lengths, item counts), and invalid ones that break
/// exactly one of those rules. Knows nothing of the API: it reads the schemas.
/// </summary>
public sealed class SchemaSamples(JsonObject document, Random random)
{
    /// <summary>Characters strings are drawn from: ids, names and text, phone numbers. A candidate must still match the pattern.</summary>
    private static readonly string[] Pools =
    [
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:!?'\"()/&%#+=*-_éüßñçøåÉ中文日本語✓€",
        "0123456789 ().-+",
    ];

    private static readonly string[] PatternBreakers = ["\u0007bell", " ", "a/b", "../x", "tab\tin", "-lead", "x y", "ä", "line\u0001"];

    public JsonObject Resolve(JsonNode schema)
    {
        var s = schema.AsObject();
        return s["$ref"] is { } reference
            ? document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject()
            : s;
    }

    /// <summary>A value the schema allows (structural keywords only; the caller checks the rest, such as not/anyOf).</summary>
    public JsonNode Valid(JsonNode schemaNode)
    {
        var schema = Resolve(schemaNode);
        if (schema["enum"] is JsonArray values) return values[random.Next(values.Count)]!.DeepClone();
        switch (Type(schema))
        {
            case "object":
                var obj = new JsonObject();
                var required = Required(schema);
                foreach (var (name, member) in schema["properties"]?.AsObject() ?? [])
                    if (required.Contains(name) || random.Next(2) == 0) obj[name] = Valid(member!);
                return obj;
            case "array":
                var min = Int(schema, "minItems") ?? 0;
                var max = Math.Min(Int(schema, "maxItems") ?? 3, min + 3);
                var array = new JsonArray();
                for (var i = random.Next(min, max + 1); i > 0; i--) array.Add(Valid(schema["items"]!));
                return array;
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            case "integer":
                var low = Int(schema, "minimum") ?? 0;
                var high = Int(schema, "maximum") ?? 1000;
                return JsonValue.Create(random.Next(low, high + 1));
            default:
                return JsonValue.Create(ValidString(schema));
        }
    }

    public string ValidString(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values) return values[random.Next(values.Count)]!.GetValue<string>();
        // Days of a few years around now, so that a period's two ends come in and out of order (the property test
        // knows the rule the operation's description states).
        if (schema["format"]?.GetValue<string>() == "date")
            return new DateOnly(2025, 1, 1).AddDays(random.Next(0, 3 * 366)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (schema["format"]?.GetValue<string>() == "date-time")
        {
            // Any offset the document's pattern allows: whole hours, the odd quarter hours real zones use, the ±14:00 ends.
            var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(-500_000, 500_000));
            var offset = random.Next(4) switch
            {
                0 => TimeSpan.FromHours(14) * (random.Next(2) == 0 ? 1 : -1),
                1 => TimeSpan.FromMinutes(random.Next(-14 * 4, 14 * 4 + 1) * 15),
                _ => TimeSpan.FromHours(random.Next(-12, 13)),
            };
            return random.Next(3) switch
            {
                0 => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                1 => at.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                _ => at.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            };
        }

        var pattern = schema["pattern"]?.GetValue<string>() is { } p ? new Regex(p) : null;
        var minLength = Int(schema, "minLength") ?? 1;
        var maxLength = Int(schema, "maxLength") ?? 10_000;
        var automaton = Automaton(schema["pattern"]?.GetValue<string>());
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            // Half the time from the pattern's automaton (when Fare reads it), otherwise from a pool of characters.
            if (automaton is not null && attempt % 2 == 0)
            {
                var made = automaton.Generate();
                if (made.Length >= minLength && made.Length <= maxLength && pattern!.IsMatch(made) && !made.Any(char.IsSurrogate)) return made;
                continue;
            }

            var pool = Pools[random.Next(Pools.Length)];
            // Mostly short values; now and then one at the longest the schema allows.
            var length = random.Next(10) == 0 && schema["maxLength"] is not null ? maxLength : random.Next(minLength, Math.Min(maxLength, 40) + 1);
            var chars = new char[length];
            for (var i = 0; i < length; i++) chars[i] = pool[random.Next(pool.Length)];
            var candidate = new string(chars);
            if (pattern is null || pattern.IsMatch(candidate)) return candidate;
        }

        throw new InvalidOperationException($"No string found for {schema.ToJsonString()}.");
    }

    private Fare.Xeger? Automaton(string? pattern)
    {
        if (pattern is null || !pattern.StartsWith('^') || !pattern.EndsWith('$')) return null;
        try
        {
            return new Fare.Xeger(pattern[1..^1], random);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies of a valid body, each breaking one rule its schema states (a required member missing, a wrong type, a
    /// value outside the enum, the pattern or the length, too many or too few items, an unknown member), with what was broken.
    /// </summary>
    public IEnumerable<(JsonNode Body, string Broken)> Invalid(JsonNode valid, JsonNode schemaNode)
    {
        foreach (var (path, site) in Sites(valid, schemaNode, "body"))
        {
            foreach (var (replace, why) in Breakers(site, path))
                yield return (Replace(valid, path, replace), why);
        }
    }

    /// <summary>Values that break a parameter's schema, as they would be written in a query string.</summary>
    public IEnumerable<(string Value, string Why)> InvalidParameter(JsonNode schemaNode, string name) =>
        Breakers((Resolve(schemaNode), false, true), name)
            .Select(b => (Value: b.Change(null), b.Why))
            .Where(b => b.Value is JsonValue v && !(v.TryGetValue<int>(out _) && Type(Resolve(schemaNode)) == "string"))
            .Select(b => (b.Value!.ToString(), b.Why));

    private IEnumerable<(Func<JsonNode?, JsonNode?> Change, string Why)> Breakers((JsonObject Schema, bool Required, bool Present) site, string path)
    {
        var schema = site.Schema;
        if (site.Present && site.Required) yield return (_ => null, $"{path}: required, left out");
        if (!site.Present) yield break;
        if (schema["enum"] is not null) yield return (_ => JsonValue.Create("notAValue"), $"{path}: not in the enum");
        switch (Type(schema))
        {
            case "object":
                if (schema["additionalProperties"] is JsonValue v && v.GetValue<bool>() == false)
                    yield return (n => { var o = n!.DeepClone().AsObject(); o["surprise"] = 1; return o; }, $"{path}: unknown member");
                yield return (_ => JsonValue.Create("text"), $"{path}: a string for an object");
                break;
            case "array":
                yield return (_ => JsonValue.Create(7), $"{path}: a number for an array");
                if (Int(schema, "maxItems") is { } most)
                    yield return (n => new JsonArray(Enumerable.Range(0, most + 1).Select(_ => Valid(schema["items"]!)).ToArray()), $"{path}: more than {most} items");
                if (Int(schema, "minItems") is { } least and > 0) yield return (_ => new JsonArray(), $"{path}: fewer than {least} items");
                break;
            case "boolean":
                yield return (_ => JsonValue.Create("yes"), $"{path}: a string for a boolean");
                break;
            case "integer":
                yield return (_ => JsonValue.Create("abc"), $"{path}: letters for an integer");
                if (Int(schema, "minimum") is { } lowest) yield return (_ => JsonValue.Create(lowest - 1), $"{path}: below {lowest}");
                if (Int(schema, "maximum") is { } highest) yield return (_ => JsonValue.Create(highest + 1), $"{path}: above {highest}");
                break;
            case "string" when schema["format"]?.GetValue<string>() == "date":
                yield return (_ => JsonValue.Create("2026-13-40"), $"{path}: not a day");
                yield return (_ => JsonValue.Create("16/11/2026"), $"{path}: not ISO 8601");
                if (schema["pattern"] is not null) yield return (_ => JsonValue.Create("1969-12-31"), $"{path}: a day its pattern leaves out");
                break;
            case "string" when schema["format"]?.GetValue<string>() == "date-time":
                yield return (_ => JsonValue.Create("tomorrow"), $"{path}: not a date-time");
                yield return (_ => JsonValue.Create("1/2/2026"), $"{path}: not ISO 8601");
                yield return (_ => JsonValue.Create("2026-01-07"), $"{path}: a date without its time");
                yield return (_ => JsonValue.Create("2026-01-07T12:32:55"), $"{path}: a time without its offset");
                if (schema["pattern"] is not null)
                {
                    yield return (_ => JsonValue.Create("1489-01-07T12:32:55-19:45"), $"{path}: an offset past its pattern's ±14:00");
                    yield return (_ => JsonValue.Create("2026-06-30T23:59:60Z"), $"{path}: a leap second its pattern leaves out");
                }

                break;
            case "string" when schema["enum"] is null:
                yield return (_ => JsonValue.Create(42), $"{path}: a number for a string");
                if (Int(schema, "maxLength") is { } longest) yield return (_ => JsonValue.Create(new string('a', longest + 1)), $"{path}: longer than {longest}");
                if (schema["pattern"]?.GetValue<string>() is { } pattern && PatternBreakers.FirstOrDefault(b => !Regex.IsMatch(b, pattern)) is { } breaker)
                    yield return (_ => JsonValue.Create(breaker), $"{path}: {breaker.Replace("\u0007", "\\a", StringComparison.Ordinal)} breaks {pattern}");
                break;
            default:
                break;
        }
    }

    /// <summary>Every member of the value (present or not) with its schema, by dotted path.</summary>
    private IEnumerable<(string Path, (JsonObject Schema, bool Required, bool Present) Site)> Sites(JsonNode? value, JsonNode schemaNode, string path)
    {
        var schema = Resolve(schemaNode);
        yield return (path, (schema, false, value is not null));
        if (Type(schema) == "object" && value is JsonObject obj)
        {
            var required = Required(schema);
            foreach (var (name, member) in schema["properties"]?.AsObject() ?? [])
            {
                foreach (var (p, s) in Sites(obj[name], member!, path + "." + name))
                    yield return (p, p == path + "." + name ? (s.Schema, required.Contains(name), s.Present) : s);
            }
        }
        else if (Type(schema) == "array" && value is JsonArray array && array.Count > 0)
        {
            foreach (var site in Sites(array[0], schema["items"]!, path + "[0]")) yield return site;
        }
    }

    private static JsonNode Replace(JsonNode root, string path, Func<JsonNode?, JsonNode?> change)
    {
        var copy = root.DeepClone();
        if (path == "body") return change(copy) ?? JsonValue.Create("null")!;
        var steps = Regex.Matches(path[4..], @"\.([^.\[]+)|\[(\d+)\]").Select(m => m.Groups[1].Success ? (object)m.Groups[1].Value : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        var parent = copy;
        foreach (var step in steps.SkipLast(1)) parent = step is string n ? parent[n]! : parent[(int)step]!;
        var last = steps[^1];
        if (last is string name)
        {
            var replaced = change(parent[name]);
            if (replaced is null) parent.AsObject().Remove(name);
            else parent[name] = replaced;
        }
        else
        {
            parent[(int)last] = change(parent[(int)last]);
        }

        return copy;
    }

    private static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : null);

    private static HashSet<string> Required(JsonObject schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];

    private static int? Int(JsonObject schema, string keyword) => schema[keyword] is JsonValue v ? (int)v.GetValue<decimal>() : null;
}
