using CouplingPortal.EndToEnd.Tests.Infrastructure;
using CouplingPortal.EndToEnd.Tests.Integration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.Coupling;

/// <summary>
/// The seed's "couple one record" procedure in Chromium: a customer card, Dataverse ▸ Set Up Coupling, the account
/// chosen from the lookup, OK; the card then shows the coupling. Each language couples its own customer.
/// </summary>
public sealed class SetUpCouplingTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", "40000", "Alpine Ski House", "Set Up Coupling", "is now coupled to account Alpine Ski House", "Coupled to account Alpine Ski House", "en")]
    [InlineData("nl-NL", "30000", "SCHOOL OF FINE ART", "Koppeling instellen", "is nu gekoppeld aan account SCHOOL OF FINE ART", "Gekoppeld aan account SCHOOL OF FINE ART", "nl")]
    public async Task User_CouplesACustomerToAnAccount_FromTheCard_AndTheCardShowsTheCoupling(string locale, string customerNo, string account,
        string actionCaption, string snackbarText, string stateText, string language)
    {
        await DefaultMappingsSetup.EnsureAsync(browser.Portal.AppServices, TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(locale);

        await BrowserFixture.GotoInteractiveAsync(page, $"customers/{customerNo}");
        await Expect(page.Locator("#coupling-state")).ToHaveAttributeAsync("data-coupled", "false");
        await page.Locator("#dataverse-menu button").ClickAsync();
        await Expect(page.Locator("#action-set-up-coupling")).ToContainTextAsync(actionCaption);
        await page.Locator("#action-set-up-coupling").ClickAsync();

        await Expect(page.Locator("#set-up-coupling-dialog")).ToBeVisibleAsync();
        await page.Locator("#coupling-search").FillAsync(account);
        // The lookup has answered the search when it shows the one matching account.
        await Expect(page.Locator(".coupling-choice")).ToHaveCountAsync(1);
        var choice = page.Locator($".coupling-choice[data-name='{account}']");
        await choice.ClickAsync();
        await Expect(page.Locator("#coupling-ok")).ToBeEnabledAsync();
        await BrowserFixture.ScreenshotAsync(page, $"set-up-coupling-dialog-{language}");
        await page.Locator("#coupling-ok").ClickAsync();

        await Expect(page.Locator(".mud-snackbar").First).ToContainTextAsync(snackbarText);
        await Expect(page.Locator("#coupling-state")).ToHaveAttributeAsync("data-coupled", "true");
        await Expect(page.Locator("#coupling-state")).ToContainTextAsync(stateText);
        await BrowserFixture.ScreenshotAsync(page, $"customer-card-coupled-{language}");
    }
}
