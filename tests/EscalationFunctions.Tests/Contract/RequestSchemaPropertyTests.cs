using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EscalationFunctions.Apis;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Contract;

/// <summary>
/// Requests made from the document alone, for every operation it lists: a request its schemas allow is accepted,
/// or refused only because of the escalation's state (2xx or 409); a request breaking one rule of a schema is a
/// 400. A rule no schema can state (the report's period) is stated in the operation's description, and requests are
/// judged by it too. Seeded: a fixed list of seeds runs every time, plus one drawn at random (its number is in the
/// test's name and output); a failure names the seed and the request, and <c>PROPERTY_SEED=n ./test.sh</c> replays it.
/// </summary>
[Collection(ApiTests.Name)]
public class RequestSchemaPropertyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int ValidPerOperation = 20;
    private const int InvalidPerOperation = 30;

    /// <summary>Seeds that found disagreements once (kept so they never come back), and one new seed per run.</summary>
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int> { 271734181, 1998869344 };
        seeds.Add(Environment.GetEnvironmentVariable("PROPERTY_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next());
        return seeds;
    }

    /// <summary>
    /// The rules operations state in their descriptions, as the test reads them: the operation, the text its
    /// description must hold, and whether a request's query breaks the rule (then it must be a 400 naming the field).
    /// </summary>
    private static readonly Dictionary<string, (string Description, string Field, Func<IReadOnlyDictionary<string, string>, bool> Breaks)> DescribedRules = new(StringComparer.Ordinal)
    {
        ["GetSlaComplianceReport"] = (ReportsApi.PeriodRules, "to", query =>
            query.TryGetValue("from", out var from) && query.TryGetValue("to", out var to)
            && (DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).DayNumber) is < 0 or >= ReportsApi.MaxDays),
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Requests_the_schemas_allow_are_accepted_or_refused_by_state_and_requests_breaking_them_are_400(int seed)
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var contract = ApiContract.For(await app.Client.GetStringAsync("/api/openapi/v1.json"));
        var random = new Random(seed);
        var samples = new SchemaSamples(contract.Json, random);
        var failures = new List<string>();
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);

        foreach (var (template, item) in contract.Json["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                var operation = operationNode!.AsObject();
                var name = operation["operationId"]!.GetValue<string>();
                var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
                var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var example = operation["requestBody"]?["content"]?["application/json"]?["example"];
                var ids = await EscalationsInSeveralStatesAsync(app);
                var described = DescribedRules.GetValueOrDefault(name);
                if (described.Description is not null && operation["description"]?.GetValue<string>() != described.Description)
                    failures.Add($"{name}: its description does not state the rule the server enforces: {described.Description}");
                var sentQuery = new Dictionary<string, string>(StringComparer.Ordinal);

                async Task<HttpResponseMessage> Send(JsonNode? body, string? brokenParameter = null, string? brokenValue = null)
                {
                    sentQuery.Clear();
                    var path = template;
                    var query = new List<string>();
                    var headers = new List<(string, string)>();
                    foreach (var parameter in parameters)
                    {
                        var pname = parameter["name"]!.GetValue<string>();
                        var place = parameter["in"]!.GetValue<string>();
                        var required = parameter["required"]?.GetValue<bool>() == true;
                        string? value = pname == brokenParameter ? brokenValue
                            : pname == "id" && place == "path" ? ids[random.Next(ids.Count)]
                            // A page token only comes from a previous page: no schema can make one.
                            : pname == "next" ? null
                            : required || random.Next(2) == 0 ? Scalar(samples.Valid(parameter["schema"]!)) : null;
                        if (value is null) continue;
                        if (place == "path") path = path.Replace("{" + pname + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                        else if (place == "query")
                        {
                            query.Add($"{pname}={Uri.EscapeDataString(value)}");
                            sentQuery[pname] = value;
                        }
                        else if (place == "header") headers.Add((pname, value));
                    }

                    var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
                    foreach (var (h, v) in headers) request.Headers.TryAddWithoutValidation(h, v);
                    if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                    return await app.Client.SendAsync(request);
                }

                // Valid: the document's example first, then bodies made from the schema.
                for (var i = 0; i < ValidPerOperation; i++)
                {
                    JsonNode? body = null;
                    if (bodySchema is not null)
                    {
                        body = i == 0 && example is not null ? example.DeepClone() : ValidBody(samples, contract, bodySchema);
                        var errors = contract.SchemaFor(bodySchema.ToJsonString()).Validate(body.ToJsonString());
                        if (errors.Count > 0) failures.Add($"{name}: the example breaks its own schema: {string.Join("; ", errors)}");
                    }

                    using var response = await Send(body);
                    var status = (int)response.StatusCode;
                    var answer = await response.Content.ReadAsStringAsync();
                    if (described.Breaks?.Invoke(sentQuery) == true)
                    {
                        // Allowed by the schemas, refused by the rule the description states.
                        Count(counts, $"{name} described-rule {status}");
                        if (status != 400 || JsonNode.Parse(answer)?["errors"]?[described.Field] is null)
                            failures.Add($"{name} (seed {seed}): {Query(sentQuery)} breaks the described rule, but got {status} (not 400 naming {described.Field}): {answer}");
                        continue;
                    }

                    Count(counts, $"{name} valid {status}");
                    if (status is not (>= 200 and < 300 or 409))
                        failures.Add($"{name} (seed {seed}): a valid request {Query(sentQuery)} got {status}: {body?.ToJsonString()} → {answer}");
                }

                // Invalid: one rule of the body's schema broken at a time.
                var invalid = new List<(JsonNode Body, string Broken)>();
                for (var i = 0; bodySchema is not null && i < 5; i++)
                    invalid.AddRange(samples.Invalid(ValidBody(samples, contract, bodySchema), bodySchema));
                foreach (var (body, broken) in invalid.OrderBy(_ => random.Next()).Take(InvalidPerOperation))
                {
                    if (contract.SchemaFor(bodySchema!.ToJsonString()).Validate(body.ToJsonString()).Count == 0)
                    {
                        failures.Add($"{name}: the generator's {broken} still matches the schema");
                        continue;
                    }

                    using var response = await Send(body);
                    Count(counts, $"{name} invalid {(int)response.StatusCode}");
                    if (response.StatusCode != HttpStatusCode.BadRequest)
                        failures.Add($"{name} (seed {seed}): {broken} got {(int)response.StatusCode}, not 400: {body.ToJsonString()}");
                }

                // Invalid query parameters, one at a time.
                foreach (var parameter in parameters.Where(p => p["in"]!.GetValue<string>() == "query"))
                {
                    var pname = parameter["name"]!.GetValue<string>();
                    foreach (var (value, broken) in samples.InvalidParameter(parameter["schema"]!, pname))
                    {
                        using var response = await Send(bodySchema is null ? null : ValidBody(samples, contract, bodySchema), pname, value);
                        Count(counts, $"{name} invalid {(int)response.StatusCode}");
                        if (response.StatusCode != HttpStatusCode.BadRequest)
                            failures.Add($"{name} (seed {seed}): {broken} ({value}) in {Query(sentQuery)} got {(int)response.StatusCode}, not 400");
                    }
                }
            }
        }

        output.WriteLine($"seed {seed}: {string.Join(", ", counts.Select(kv => $"{kv.Key} × {kv.Value}"))}");
        Assert.True(counts.Keys.Select(k => k.Split(' ')[0]).Distinct().Count() >= 13, "every operation was exercised");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(30)));
    }

    /// <summary>A body from the schema's structure, kept once the whole schema (not/anyOf included) accepts it.</summary>
    private static JsonNode ValidBody(SchemaSamples samples, ApiContract contract, JsonNode schema)
    {
        var validator = contract.SchemaFor(schema.ToJsonString());
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var body = samples.Valid(schema);
            if (validator.Validate(body.ToJsonString()).Count == 0) return body;
        }

        throw new InvalidOperationException($"No valid body found for {schema.ToJsonString()}.");
    }

    private static string Query(Dictionary<string, string> query) => "?" + string.Join("&", query.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Scalar(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Escalations for the actions to work on: just started, waiting for a supervisor, and with an open callback.</summary>
    private static async Task<List<string>> EscalationsInSeveralStatesAsync(TestApp app)
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await EscalationsApiTests.StartAsync(app);
            if (i >= 1) await app.PostAsync($"/api/escalations/{id}/deescalation", new { resolved = false });
            if (i >= 2) await app.PostAsync($"/api/escalations/{id}/no-supervisor-available", null);
            ids.Add(id);
        }

        return ids;
    }
}
