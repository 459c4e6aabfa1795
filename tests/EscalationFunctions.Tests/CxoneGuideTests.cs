using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace EscalationFunctions.Tests;

/// <summary>
/// docs/cxone-studio.md's examples, sent exactly as written and in order, each three times as the REST API
/// action's two automatic retries would, with the Idempotency-Key the guide prescribes.
/// </summary>
[Collection(ApiTests.Name)]
public partial class CxoneGuideTests(AzuriteFixture azurite)
{
    [GeneratedRegex(@"<!-- example: POST (?<path>\S+) → (?<code>\d{3}) (?<status>\w+) -->\s*```json\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();

    [Fact]
    public async Task Every_example_in_the_guide_works_as_written_and_its_retries_change_nothing()
    {
        var guide = await File.ReadAllTextAsync(Path.Combine(AzuriteProcess.RepositoryRoot(), "docs", "cxone-studio.md"));
        var examples = Example().Matches(guide.ReplaceLineEndings("\n"));
        Assert.True(examples.Count >= 8, $"Expected the guide's examples, found {examples.Count}.");
        await using var app = TestApp.Start(azurite.Azurite, new Dictionary<string, string?> { ["Routing:Supervisors:sup-204"] = "morgan@example.com" });
        string? id = null;

        foreach (Match example in examples)
        {
            var path = example.Groups["path"].Value;
            var step = path == "/api/escalations" ? null : path[(path.IndexOf("{id}/", StringComparison.Ordinal) + 5)..].Replace('/', '-');
            var key = step is null ? "4829302" : $"4829302-{step}";
            var answers = new List<HttpResponseMessage>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path.Replace("{id}", id, StringComparison.Ordinal))
                {
                    Content = new StringContent(example.Groups["body"].Value, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", key);
                answers.Add(await app.Client.SendAsync(request));
            }

            var first = await TestApp.ReadAsync(answers[0]);
            Assert.True((int)answers[0].StatusCode == int.Parse(example.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture),
                $"{path}: {(int)answers[0].StatusCode} {first}");
            Assert.Equal(example.Groups["status"].Value, first.GetProperty("status").GetString());
            id ??= first.GetProperty("id").GetString();
            foreach (var retry in answers.Skip(1))
            {
                Assert.True(retry.StatusCode is HttpStatusCode.OK, $"{path} retried: {(int)retry.StatusCode}");
                Assert.Equal(first.GetProperty("version").GetInt32(), (await TestApp.ReadAsync(retry)).GetProperty("version").GetInt32());
            }
        }

        var history = (await app.GetEscalationAsync(id!)).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("action").GetString()).Where(a => a != "notified").ToList();
        Assert.Equal(["supervisorRequested", "supervisorGuidanceRequested", "threatDocumented", "deEscalationFailed", "callbackRequestCreated",
            "callbackClaimed", "callbackAttempted", "callbackCompleted"], history.Distinct());
        Assert.Equal(history.Count, history.Distinct().Count());
    }
}
