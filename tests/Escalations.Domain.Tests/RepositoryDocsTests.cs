using System.Text.RegularExpressions;

namespace Escalations.Domain.Tests;

/// <summary>
/// The README's diagram and rule table are printed from <see cref="EscalationPolicy"/>; these tests fail when
/// they drift. Run the tests with UPDATE_DOCS=1 to rewrite the generated sections in place.
/// </summary>
public class RepositoryDocsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Readme_state_diagram_matches_the_code() =>
        AssertSection("state-diagram", $"```mermaid\n{PolicyDocument.ToMermaid()}```\n");

    [Fact]
    public void Readme_rule_table_matches_the_code() =>
        AssertSection("rule-table", PolicyDocument.ToMarkdownTable());

    [Fact]
    public void The_rule_table_prints_the_configured_sla_and_extension_not_the_defaults()
    {
        var table = PolicyDocument.ToMarkdownTable(new EscalationOptions { CallbackSla = TimeSpan.FromHours(24), CustomerServiceExtension = "x12345" });

        Assert.Contains("callback turnaround is 24 hours", table, StringComparison.Ordinal);
        Assert.Contains("Customer Service (x12345)", table, StringComparison.Ordinal);
        Assert.DoesNotContain("48 hours", table, StringComparison.Ordinal);
        Assert.DoesNotContain("x69187", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_rule_links_to_a_section_of_the_process_description_that_exists()
    {
        var process = File.ReadAllText(Path.Combine(Root, "docs", "process.md"));
        var anchors = Regex.Matches(process, "<a id=\"([a-z-]+)\"></a>").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.All(EscalationPolicy.Rules.Where(r => r.Seed.StartsWith('#')), r =>
            Assert.Contains(r.Seed[1..r.Seed.IndexOf(':', StringComparison.Ordinal)], anchors));
        Assert.True(EscalationPolicy.Rules.Count(r => r.Seed.StartsWith('#')) >= EscalationPolicy.Rules.Count - 2, "Most rules name their source section.");
    }

    private static void AssertSection(string name, string expected)
    {
        var path = Path.Combine(Root, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var pattern = new Regex($"(<!-- generated:{name} [^>]*-->\n)(.*?)(<!-- /generated:{name} -->)", RegexOptions.Singleline);
        var match = pattern.Match(readme);
        Assert.True(match.Success, $"README.md has no generated:{name} section.");

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1" && match.Groups[2].Value != expected)
        {
            File.WriteAllText(path, readme[..match.Groups[2].Index] + expected + readme[(match.Groups[2].Index + match.Groups[2].Length)..]);
            return;
        }

        Assert.True(match.Groups[2].Value == expected,
            $"README.md's {name} section is out of date with the code. Run `UPDATE_DOCS=1 ./test.sh` to refresh it.\nExpected:\n{expected}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EscalationFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (EscalationFunctions.sln) above the test output.");
    }
}
