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
