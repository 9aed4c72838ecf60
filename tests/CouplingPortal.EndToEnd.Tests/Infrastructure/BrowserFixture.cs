using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CouplingPortal.EndToEnd.Tests.Infrastructure.BrowserFixture))]

namespace CouplingPortal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One portal and one headless Debian Chromium for the whole test assembly. Playwright cannot download its own
/// browsers here, so it drives the system Chromium through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public PortalServer Portal { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public static string ArtifactsFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("COUPLINGPORTAL_ARTIFACTS") is { Length: > 0 } folder
            ? Path.Combine(folder, "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        // A slow, shared 2-core CI machine: allow a page's circuit and first query some time, never a fixed wait.
        Assertions.SetDefaultExpectTimeout(15_000);
        Portal.Start();
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("COUPLINGPORTAL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{chromium}'. Run ./test.sh (it installs Debian's chromium) or set COUPLINGPORTAL_CHROMIUM.");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies, so own sign-in and culture) on the portal.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = locale ?? "en-US",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Opens a path of the portal and waits until its circuit is live (the layout's data-interactive flag): before
    /// that the prerendered page shows, but typing and clicks would be lost.
    /// </summary>
    public static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}
