using CouplingPortal.EndToEnd.Tests.Infrastructure;
using CouplingPortal.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.Connection;

/// <summary>The Dataverse Connection Setup page in Chromium, against the portal's embedded Dataverse emulator.</summary>
public sealed class DataverseConnectionSetupTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_OpensDataverseConnectionSetup_TestsTheConnection_AndSeesSuccess()
    {
        var emulator = browser.Portal.AppServices.GetRequiredService<EmbeddedDataverseHost>().Emulator!;
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "customers");
        await page.Locator("a[href='/dataverse-connection-setup']").ClickAsync();
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Dataverse Connection Setup");
        await Expect(page.Locator("#embedded-emulator")).ToContainTextAsync(emulator.EnvironmentUrl.AbsoluteUri);

        await page.Locator("#action-test-connection").ClickAsync();

        await Expect(page.Locator("#test-result")).ToHaveAttributeAsync("data-outcome", "Success");
        await Expect(page.Locator("#test-result")).ToContainTextAsync("The connection test was successful.");
        await Expect(page.Locator("#test-user-id")).ToHaveTextAsync(emulator.Options.IntegrationUserId.ToString());
        await BrowserFixture.ScreenshotAsync(page, "dataverse-connection-setup-test-en");
        // The emulator's Sales form sends its Business Central button to this portal.
        Assert.Equal(new Uri(browser.Portal.BaseUrl, "dataverse/open").AbsoluteUri, emulator.Options.PortalUrl);
    }
}
