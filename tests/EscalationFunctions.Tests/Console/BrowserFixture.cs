using Microsoft.Playwright;

namespace EscalationFunctions.Tests.Console;

/// <summary>
/// One real Chromium for the browser tests: Debian's <c>chromium</c> package (Playwright cannot download its own
/// browsers here), found at <c>CHROMIUM_PATH</c> or <c>/usr/bin/chromium</c>, driven by Microsoft.Playwright.
/// Missing, the tests fail and say how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: install it (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH.");
        // Expectations wait for what they expect (a live list's next refresh); a busy CI machine needs longer than the 5 s default.
        Assertions.SetDefaultExpectTimeout((float)TestStorage.Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers and CI run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
