using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using EscalationFunctions.Security;
using Xunit.Abstractions;

namespace EscalationFunctions.Tests.Reliability;

/// <summary>
/// Over two hundred malformed or hostile requests against an app that requires an API key and signatures. Every
/// one gets a 4xx problem details answer, none a 5xx, and no table row or queue message changes.
/// </summary>
[Collection(ApiTests.Name)]
public class HostileCorpusTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Key = "corpus-api-key-0123456789";
    private const string Secret = "corpus-signing-secret-0123456789";

    private static readonly string[] Actions =
        ["deescalation", "no-supervisor-available", "pickup", "callback/claim", "callback/complete", "management-assistance", "threats", "resolve"];

    /// <summary>One request of the corpus. Unless it says otherwise it carries the right API key and a valid signature.</summary>
    /// <remarks>
    /// <see cref="RefusedByServer"/>: Kestrel refuses a request target with an encoded NUL before the app sees it,
    /// with a bare 400 and no body; the app cannot add problem details to those.
    /// </remarks>
    private sealed record Case(string Label, HttpMethod Method, string Path, byte[]? Body = null, string ContentType = "application/json",
        bool ApiKey = true, bool Sign = true, (string Name, string Value)[]? Headers = null)
    {
        public bool RefusedByServer => Path.Contains("%00", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Path} [{Label}]";
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Bodies no endpoint accepts.</summary>
    private static IEnumerable<(string Label, byte[] Body, string ContentType)> Bodies()
    {
        static (string, byte[], string) Json(string label, string json) => (label, Utf8(json), "application/json");
        yield return Json("truncated", """{"resolved": tr""");
        yield return Json("truncated string", """{"supervisorId": "sup""");
        yield return Json("empty", "");
        yield return Json("array", "[1,2,3]");
        yield return Json("string", "\"hello\"");
        yield return Json("number", "42");
        yield return Json("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300));
        yield return Json("deeply nested arrays", new string('[', 5000) + new string(']', 5000));
        yield return Json("wrong types", """{"resolved":"yes","supervisorId":7,"kinds":"bbb","by":[],"resolution":{},"reason":false,"notes":1}""");
        yield return Json("unknown enum", """{"kinds":["pitchforks"],"resolved":false,"supervisorId":"s","by":"b","resolution":"r","reason":"r","channel":"carrier-pigeon"}""");
        yield return Json("unknown member", """{"resolved":false,"supervisorId":"s","kinds":["bbb"],"by":"b","resolution":"r","reason":"r","isAdmin":true}""");
        yield return Json("huge string", $$"""{"supervisorId":"{{new string('s', 20_000)}}","reason":"r","resolution":"x","by":"b","resolved":true,"kinds":["bbb"]}""");
        yield return Json("huge notes", $$"""{"resolved":false,"notes":"{{new string('n', 30_000)}}","supervisorId":"s","kinds":["bbb"],"by":"b","resolution":"r","reason":"r"}""");
        yield return Json("control characters", "{\"supervisorId\":\"a\\u0000b\",\"by\":\"\\u001b[31m\",\"resolution\":\"x\\u0007\",\"resolved\":true,\"reason\":\"r\\u0008\",\"kinds\":[\"bbb\"],\"notes\":\"\\u0000\"}");
        yield return Json("lone surrogate", "{\"supervisorId\":\"\\ud800\",\"by\":\"\\udfff\",\"resolution\":\"\\ud800\",\"resolved\":true,\"reason\":\"\\ud800\",\"kinds\":[\"bbb\"],\"notes\":\"\\udc00\"}");
        yield return Json("duplicate keys", """{"resolved":true,"resolved":false,"supervisorId":"a","supervisorId":"b","kinds":["bbb"],"kinds":["lawyer"]}""");
        yield return Json("trailing comma", """{"resolved":false,"supervisorId":"s",}""");
        yield return Json("comments", """{/* hi */"resolved":false,"supervisorId":"s"}""");
        yield return Json("NaN and huge numbers", """{"resolved":NaN,"supervisorId":1e400}""");
        yield return Json("path traversal in ids", """{"supervisorId":"../../etc/passwd","by":"..\\..\\win.ini","resolution":"x","resolved":true,"reason":"r","kinds":["bbb"]}""");
        yield return Json("over-long id", $$"""{"supervisorId":"{{new string('x', 65)}}","by":"{{new string('x', 65)}}","resolution":"x","resolved":true,"reason":"r","kinds":["bbb"]}""");
        yield return ("invalid UTF-8", [.. Utf8("{\"supervisorId\":\"a"), 0xC3, 0x28, .. Utf8("\",\"notes\":\"b\"}")], "application/json");
        yield return ("overlong UTF-8 slash", [.. Utf8("{\"supervisorId\":\"a"), 0xC0, 0xAF, .. Utf8("b\"}")], "application/json");
        yield return ("not JSON", Utf8("resolved=true&supervisorId=s"), "application/x-www-form-urlencoded");
        yield return ("xml", Utf8("<resolved>true</resolved>"), "application/xml");
        yield return ("JSON labelled as text", Utf8("""{"resolved":false}"""), "text/plain");
        yield return ("over the size limit", Utf8($$"""{"notes":"{{new string('z', 40_000)}}"}"""), "application/json");
    }

    private static IEnumerable<Case> Corpus(string id, string accountId)
    {
        // Every hostile body on intake and on every action.
        foreach (var path in Actions.Select(a => $"/api/escalations/{id}/{a}").Prepend("/api/escalations"))
            foreach (var (label, hostile, contentType) in Bodies())
                yield return new Case(label, HttpMethod.Post, path, hostile, contentType);

        // Intakes that are well-formed JSON but not a valid intake.
        foreach (var (label, json) in new[]
        {
            ("intake without contactId", """{"accountId":"a","agent":{"id":"g","name":"n","affiliation":"bpo","vendor":"Acme"},"category":"general"}"""),
            ("intake of a BPO agent without vendor", """{"contactId":"c","accountId":"a","agent":{"id":"g","name":"n","affiliation":"bpo"},"category":"general"}"""),
            ("intake with unknown affiliation", """{"contactId":"c","accountId":"a","agent":{"id":"g","name":"n","affiliation":"martian"},"category":"general"}"""),
            ("intake with unknown disclosure", """{"contactId":"c","accountId":"a","agent":{"id":"g","name":"n","affiliation":"inHouse"},"category":"general","disclosure":"headache"}"""),
            ("intake with unknown threat", """{"contactId":"c","accountId":"a","agent":{"id":"g","name":"n","affiliation":"inHouse"},"category":"general","threats":["fax"]}"""),
            ("intake with a traversal account", """{"contactId":"c","accountId":"../../x","agent":{"id":"g","name":"n","affiliation":"inHouse"},"category":"general"}"""),
            ("intake with a control-character account", "{\"contactId\":\"c\",\"accountId\":\"a\\u0000\",\"agent\":{\"id\":\"g\",\"name\":\"n\",\"affiliation\":\"inHouse\"},\"category\":\"general\"}"),
            ("intake with a 10,000-character contactId", $$"""{"contactId":"{{new string('c', 10_000)}}","accountId":"a","agent":{"id":"g","name":"n","affiliation":"inHouse"},"category":"general"}"""),
            ("intake with a numeric agent", """{"contactId":"c","accountId":"a","agent":7,"category":"general"}"""),
            ("intake with null agent", """{"contactId":"c","accountId":"a","agent":null,"category":"general"}"""),
        })
        {
            yield return new Case(label, HttpMethod.Post, "/api/escalations", Utf8(json));
        }

        // Hostile escalation ids, on a read and on two actions.
        string[] ids =
        [
            "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "esc-%E2%80%AE", "esc-1;DROP", "'%20OR%20'1'='1", "esc%0d%0aX-Injected:%201",
            new string('e', 65), new string('e', 5000), "esc-%25", "*", "esc-does-not-exist",
        ];
        foreach (var bad in ids)
        {
            yield return new Case("hostile id", HttpMethod.Get, $"/api/escalations/{bad}");
            yield return new Case("hostile id", HttpMethod.Post, $"/api/escalations/{bad}/pickup", Utf8("""{"supervisorId":"sup-1"}"""));
            yield return new Case("hostile id", HttpMethod.Post, $"/api/escalations/{bad}/resolve", Utf8("""{"by":"sup-1","resolution":"x"}"""));
        }

        // Hostile queries and account ids.
        foreach (var query in new[]
        {
            "status=bogus", "status=%00", "status=resolved", "pageSize=0", "pageSize=-1", "pageSize=100000", "pageSize=abc", "dueBefore=yesterday",
            "next=garbage", "next=eyJoYWNrIjp0cnVlfQ", $"vendor={new string('v', 1000)}", "supervisorId=%1B%5B31m", "accountId=..%2F..%2F",
        })
        {
            yield return new Case("hostile query", HttpMethod.Get, $"/api/escalations?{query}");
        }

        foreach (var account in new[] { "%00", new string('a', 2000), "%1B%5B2J" })
            yield return new Case("hostile account", HttpMethod.Get, $"/api/accounts/{account}/history");
        yield return new Case("hostile page size", HttpMethod.Get, $"/api/accounts/{accountId}/history?pageSize=-5");
        yield return new Case("hostile page token", HttpMethod.Get, $"/api/accounts/{accountId}/history?next=%FF%FE");

        // Authentication and signatures.
        var pickup = $"/api/escalations/{id}/pickup";
        var body = Utf8("""{"supervisorId":"sup-1"}""");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Signature(long at, string path, string? key, byte[] content) => RequestAuthentication.Sign(Secret, at, "POST", path, key, content);
        yield return new Case("no API key, read", HttpMethod.Get, $"/api/escalations/{id}", ApiKey: false);
        yield return new Case("no API key, list", HttpMethod.Get, "/api/escalations", ApiKey: false);
        yield return new Case("no API key, history", HttpMethod.Get, $"/api/accounts/{accountId}/history", ApiKey: false);
        yield return new Case("no API key, action", HttpMethod.Post, pickup, body, ApiKey: false);
        yield return new Case("no API key, intake", HttpMethod.Post, "/api/escalations", Utf8("{}"), ApiKey: false);
        foreach (var wrong in new[] { "", "wrong-key-wrong-key-wrong", Key.ToUpperInvariant(), Key + "x", Key[..^1] })
            yield return new Case("wrong API key", HttpMethod.Post, pickup, body, ApiKey: false, Headers: [(RequestAuthentication.ApiKeyHeader, wrong)]);
        yield return new Case("unsigned", HttpMethod.Post, pickup, body, Sign: false);
        yield return new Case("signature without timestamp", HttpMethod.Post, pickup, body, Sign: false,
            Headers: [(RequestAuthentication.SignatureHeader, Signature(now, pickup, null, body))]);
        yield return new Case("timestamp without signature", HttpMethod.Post, pickup, body, Sign: false, Headers: [(RequestAuthentication.TimestampHeader, $"{now}")]);
        foreach (var (label, at) in new[] { ("non-numeric timestamp", "soon"), ("negative timestamp", "-5"), ("huge timestamp", "99999999999999999999") })
            yield return new Case(label, HttpMethod.Post, pickup, body, Sign: false,
                Headers: [(RequestAuthentication.TimestampHeader, at), (RequestAuthentication.SignatureHeader, Signature(now, pickup, null, body))]);
        foreach (var (label, at) in new[] { ("stale signature (replayed 10 minutes later)", now - 600), ("signature from the future", now + 600) })
            yield return new Case(label, HttpMethod.Post, pickup, body, Sign: false,
                Headers: [(RequestAuthentication.TimestampHeader, $"{at}"), (RequestAuthentication.SignatureHeader, Signature(at, pickup, null, body))]);
        foreach (var (label, signature) in new[]
        {
            ("signature over another body", Signature(now, pickup, null, Utf8("""{"supervisorId":"sup-2"}"""))),
            ("signature replayed onto another action", Signature(now, $"/api/escalations/{id}/resolve", null, body)),
            ("signature replayed under another Idempotency-Key", Signature(now, pickup, "other-key", body)),
            ("signature with the wrong secret", RequestAuthentication.Sign("not-the-secret-not-the-secret", now, "POST", pickup, null, body)),
            ("signature in upper case", Signature(now, pickup, null, body).ToUpperInvariant()),
            ("signature without its prefix", Signature(now, pickup, null, body)["sha256=".Length..]),
            ("sha1 signature", "sha1=" + new string('0', 40)),
            ("empty signature", ""),
        })
        {
            yield return new Case(label, HttpMethod.Post, pickup, body, Sign: false,
                Headers: [(RequestAuthentication.TimestampHeader, $"{now}"), (RequestAuthentication.SignatureHeader, signature)]);
        }

        // Methods the API does not have.
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            yield return new Case("method not allowed", method, $"/api/escalations/{id}", body);
            yield return new Case("method not allowed", method, pickup, body);
        }
    }

    [Fact]
    public async Task Every_one_of_over_two_hundred_hostile_requests_gets_a_4xx_problem_and_changes_nothing()
    {
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?>
        {
            ["Security:ApiKey"] = Key,
            ["Security:WebhookSigningSecret"] = Secret,
        });
        var account = "acct-" + Guid.NewGuid().ToString("N")[..8];
        var intake = Utf8(System.Text.Json.JsonSerializer.Serialize(TestApp.Intake("contact-" + Guid.NewGuid().ToString("N"), account)));
        using var created = await SendAsync(app, new Case("valid intake", HttpMethod.Post, "/api/escalations", intake));
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await TestApp.ReadAsync(created)).GetProperty("id").GetString()!;
        await app.Dispatched();
        var before = await SnapshotAsync(app);

        var corpus = Corpus(id, account).ToList();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        foreach (var request in corpus)
        {
            using var response = await SendAsync(app, request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status is < 400 or >= 500)
                failures.Add($"{request}: {status}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !(request.RefusedByServer && status == 400))
                failures.Add($"{request}: {status} without problem details ({response.Content.Headers.ContentType})");
        }

        await app.Dispatched();
        var after = await SnapshotAsync(app);
        output.WriteLine($"{corpus.Count} hostile requests; answers: {string.Join(", ", statuses.Select(kv => $"{kv.Value} × {kv.Key}"))}");
        Assert.True(corpus.Count >= 200, $"only {corpus.Count} cases");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, after);
    }

    private static Task<HttpResponseMessage> SendAsync(TestApp app, Case c)
    {
        var request = new HttpRequestMessage(c.Method, c.Path);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        }

        if (c.ApiKey) request.Headers.Add(RequestAuthentication.ApiKeyHeader, Key);
        if (c.Sign && c.Method == HttpMethod.Post)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            request.Headers.Add(RequestAuthentication.TimestampHeader, now.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(RequestAuthentication.SignatureHeader, RequestAuthentication.Sign(Secret, now, "POST", request.RequestUri!.OriginalString, null, c.Body ?? []));
        }

        foreach (var (name, value) in c.Headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        return app.Client.SendAsync(request);
    }

    /// <summary>Every row of every table (with its ETag) and every queue's message count.</summary>
    private static async Task<string> SnapshotAsync(TestApp app)
    {
        var lines = new List<string>();
        foreach (var table in new[] { app.Storage.Escalations, app.Storage.AccountHistory, app.Storage.Index, app.Storage.DeadLetters })
            await foreach (var row in table.QueryAsync<TableEntity>())
                lines.Add($"{table.Name} {row.PartitionKey} {row.RowKey} {row.ETag}");
        foreach (var queue in new[] { app.Storage.Outbox })
            lines.Add($"{queue.Name} {(await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount}");
        return string.Join(Environment.NewLine, lines.Order(StringComparer.Ordinal));
    }
}
