using System.Text.RegularExpressions;
using Escalations.Testing;

namespace Infrastructure.Tests;

/// <summary>
/// The layout the README draws, checked on the source: dependencies run one way, so no namespace imports another
/// in a loop; each file holds the one type it is named after.
/// </summary>
public partial class ArchitectureTests
{
    private static readonly string Src = Path.Combine(AzuriteProcess.RepositoryRoot(), "src");

    /// <summary>Each namespace of src/ and the project namespaces it imports (usings and qualified names).</summary>
    private static Dictionary<string, HashSet<string>> Imports()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            if (NamespacePattern().Match(text) is not { Success: true } ns) continue;
            var from = ns.Groups[1].Value;
            var imports = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in UsingPattern().Matches(text))
                if (m.Groups[1].Value != from) imports.Add(m.Groups[1].Value);
        }

        return graph;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void No_namespace_imports_another_in_a_loop()
    {
        var graph = Imports();
        var loops = new List<string>();
        foreach (var start in graph.Keys)
        {
            // A loop through start: some namespace start imports leads back to it.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(graph[start].Where(graph.ContainsKey));
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                if (!seen.Add(n)) continue;
                if (n == start)
                {
                    loops.Add(start);
                    break;
                }

                foreach (var next in graph.GetValueOrDefault(n, []).Where(graph.ContainsKey)) queue.Enqueue(next);
            }
        }

        Assert.True(graph.Count >= 10, $"Only {graph.Count} namespaces found under src/.");
        Assert.True(loops.Count == 0, "Namespaces in an import loop: " + string.Join(", ", loops));
    }

    [Theory]
    [InlineData("Escalations.Domain", "Escalations.")]
    [InlineData("Escalations.Runtime", "EscalationFunctions")]
    [InlineData("Escalations.Runtime.Storage", "Escalations.Runtime.Workflow")]
    [InlineData("Escalations.Notifications", "EscalationFunctions")]
    [InlineData("Escalations.Orchestration", "EscalationFunctions")]
    [InlineData("EscalationFunctions.Http", "EscalationFunctions.Apis")]
    [InlineData("EscalationFunctions.Http", "EscalationFunctions.Security")]
    public void Lower_layers_do_not_import_higher_ones(string layer, string forbidden)
    {
        var imports = Imports().Where(kv => kv.Key == layer || kv.Key.StartsWith(layer + ".", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value.Select(i => (kv.Key, Import: i)))
            .Where(x => x.Import.StartsWith(forbidden, StringComparison.Ordinal) && !x.Import.StartsWith(layer, StringComparison.Ordinal))
            .ToList();

        Assert.True(imports.Count == 0, string.Join(", ", imports.Select(x => $"{x.Key} imports {x.Import}")));
    }

    [Fact]
    public void Security_depends_only_on_http_within_the_app()
    {
        var imports = Imports()["EscalationFunctions.Security"].Where(i => i.StartsWith("EscalationFunctions", StringComparison.Ordinal)).ToList();

        Assert.Equal(["EscalationFunctions.Http"], imports);
    }

    [Fact]
    public void The_runtime_does_not_reference_aspnet_core()
    {
        var project = File.ReadAllText(Path.Combine(Src, "Escalations.Runtime", "Escalations.Runtime.csproj"));

        Assert.DoesNotContain("Microsoft.AspNetCore", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_file_holds_the_one_type_it_is_named_after()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles().Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var types = TypePattern().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
            if (types.Count != 1 || types[0] != Path.GetFileNameWithoutExtension(file))
                wrong.Add($"{Path.GetRelativePath(Src, file)}: {string.Join(", ", types)}");
        }

        Assert.True(wrong.Count == 0, "Files that do not hold exactly the type they are named after: " + string.Join("; ", wrong));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^using ((?:Escalations|EscalationFunctions)[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingPattern();

    [GeneratedRegex(@"^(?:public |internal |file )?(?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record|enum|interface|struct)(?: (?:class|struct))? ([A-Za-z_]\w*)", RegexOptions.Multiline)]
    private static partial Regex TypePattern();
}
