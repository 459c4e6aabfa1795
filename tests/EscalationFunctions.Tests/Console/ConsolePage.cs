using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EscalationFunctions.Tests.Console;

/// <summary>Helpers for driving the console in the browser: sign in, scan for accessibility, take the README's screenshots.</summary>
public static class ConsolePage
{
    public static readonly Dictionary<string, string?> People = SignedInClient.Settings(
        [("sup-1", "Pat Lee"), ("sup-2", "Robin Diaz"), ("mgr-1", "Morgan Reyes")], "mgr-1");

    public static async Task<IPage> OpenAsync(IBrowser browser, TestApp app, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = app.Client.BaseAddress!.ToString().TrimEnd('/');
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout((float)TestStorage.Patience.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the console, which sends the browser to the development sign-in, and picks the person by name.</summary>
    public static async Task SignInAsync(IPage page, string name, string start = "/api/console")
    {
        await page.GotoAsync(start);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + name) }).ClickAsync();
        await page.GetByText("Signed in as").WaitForAsync();
    }

    /// <summary>Runs axe-core on the page: no serious or critical violations.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}").ToList();
        Assert.True(bad.Count == 0, $"Accessibility violations on {page.Url}:\n" + string.Join("\n", bad));
    }

    /// <summary>
    /// Takes a screenshot of the page for the README: into docs/console/ with UPDATE_DOCS=1 (as the README's other
    /// generated parts), otherwise into the test output, so the run does not change the repository.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1"
            ? Path.Combine(AzuriteProcess.RepositoryRoot(), "docs", "console")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is empty.");
    }
}
