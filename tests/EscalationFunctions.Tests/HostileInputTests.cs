using System.Net;
using System.Text;

namespace EscalationFunctions.Tests;

/// <summary>Whatever a caller sends, the answer is a 4xx problem, never a 5xx, and nothing is written.</summary>
[Collection(ApiTests.Name)]
public class HostileInputTests(AzuriteFixture azurite)
{
    private static readonly string[] Actions =
        ["deescalation", "no-supervisor-available", "pickup", "callback/claim", "callback/complete", "management-assistance", "threats", "resolve"];

    private static IEnumerable<(string Label, byte[] Body, string ContentType)> Bodies()
    {
        static (string, byte[], string) Json(string label, string json) => (label, Encoding.UTF8.GetBytes(json), "application/json");
        yield return Json("truncated", """{"resolved": tr""");
        yield return Json("array", "[1,2,3]");
        yield return Json("string", "\"hello\"");
        yield return Json("null", "null");
        yield return Json("deeply nested", string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300));
        yield return Json("wrong types", """{"resolved":"yes","supervisorId":7,"kinds":"bbb","by":[],"resolution":{}}""");
        yield return Json("unknown enum", """{"kinds":["pitchforks"]}""");
        yield return Json("huge string", $$"""{"supervisorId":"{{new string('s', 20_000)}}","reason":"r","resolution":"x","by":"b","resolved":true}""");
        yield return Json("control characters", "{\"supervisorId\":\"a\\u0000b\",\"by\":\"\\u001b[31m\",\"resolution\":\"x\",\"resolved\":true,\"reason\":\"r\"}");
        yield return Json("duplicate keys", """{"resolved":true,"resolved":false,"supervisorId":"a","supervisorId":"b"}""");
        yield return ("invalid UTF-8", [0x7B, 0x22, 0x6E, 0x6F, 0x74, 0x65, 0x73, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], "application/json");
        yield return ("not JSON at all", Encoding.UTF8.GetBytes("resolved=true"), "text/plain");
        yield return ("xml", Encoding.UTF8.GetBytes("<resolved>true</resolved>"), "application/xml");
    }

    [Fact]
    public async Task No_hostile_body_on_any_action_gets_a_5xx_or_writes_anything()
    {
        await using var app = TestApp.Start(azurite.Azurite);
        var id = await EscalationsApiTests.StartAsync(app);
        var before = await app.CountRowsAsync();
        var failures = new List<string>();

        foreach (var action in Actions.Prepend(""))
        {
            var path = action.Length == 0 ? "/api/escalations" : $"/api/escalations/{id}/{action}";
            foreach (var (label, body, contentType) in Bodies())
            {
                var content = new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                var response = await app.Client.PostAsync(path, content);
                var status = (int)response.StatusCode;
                if (status is < 400 or >= 500)
                    failures.Add($"{path} with {label}: {status}");
                else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{path} with {label}: {status} without problem details");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await app.CountRowsAsync());
    }

    [Theory]
    [InlineData("/api/escalations/%00")]
    [InlineData("/api/escalations/esc-%E2%80%AE")]
    [InlineData("/api/escalations/..%2F..%2F")]
    [InlineData("/api/escalations/esc-1;DROP")]
    [InlineData("/api/accounts/%00/history")]
    [InlineData("/api/escalations?status=%00")]
    [InlineData("/api/escalations?vendor=%1B")]
    public async Task Hostile_ids_and_queries_get_4xx(string url)
    {
        await using var app = TestApp.Start(azurite.Azurite);

        var response = await app.Client.GetAsync(url);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}
