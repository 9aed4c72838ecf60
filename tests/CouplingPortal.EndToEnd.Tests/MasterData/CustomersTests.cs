using CouplingPortal.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.MasterData;

/// <summary>The Customers list and card in Chromium, the way a Business Central user works with them.</summary>
public sealed class CustomersTests(BrowserFixture browser)
{
    [Fact]
    public async Task User_PagesSearchesOpensEditsAndSaves_AndTheListShowsTheChange()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "customers");
        var rows = page.Locator("tr.list-row");

        // Rows arrive only once the circuit is live: this is the sign of interactivity before clicking.
        await Expect(rows.Filter(new() { HasText = "Adatum Corporation" })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "customers-list-en");

        var firstOnPageOne = await rows.First.Locator("td").Nth(1).InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows.First.Locator("td").Nth(1)).Not.ToHaveTextAsync(firstOnPageOne);

        var search = page.Locator("#list-search");
        await search.FillAsync("alpine");
        await search.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Alpine Ski House");

        await rows.First.ClickAsync();
        await Expect(page.Locator("#card-heading")).ToContainTextAsync("Alpine Ski House");
        await BrowserFixture.ScreenshotAsync(page, "customer-card-en");
        var city = page.Locator("#field-City");
        await city.FillAsync("Garmisch-Partenkirchen");
        await city.PressAsync("Tab");
        await page.Locator("#action-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();

        await BrowserFixture.GotoInteractiveAsync(page, "customers");
        await search.FillAsync("Garmisch");
        await search.PressAsync("Enter");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Alpine Ski House");
    }

    [Fact]
    public async Task InvalidEmail_ShowsAFieldError_AndSavesNothing()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "customers/30000");
        await Expect(page.Locator("#card-heading")).ToContainTextAsync("School of Fine Art");

        var email = page.Locator("#field-Email");
        var original = await email.InputValueAsync();
        await email.FillAsync("not an e-mail address");
        await email.PressAsync("Tab");
        await page.Locator("#action-save").ClickAsync();
        await Expect(page.Locator("#save-errors")).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-input-helper-text.mud-input-error")).Not.ToHaveCountAsync(0);

        await BrowserFixture.GotoInteractiveAsync(page, "customers/30000");
        await Expect(page.Locator("#field-Email")).ToHaveValueAsync(original);
    }

    [Fact]
    public async Task DutchUser_SwitchesLanguage_AndSeesDutchCaptions()
    {
        var page = await browser.NewPageAsync();
        await BrowserFixture.GotoInteractiveAsync(page, "customers");
        await Expect(page.Locator("tr.list-row").First).ToBeVisibleAsync();

        await page.Locator("#culture-menu button").First.ClickAsync();
        await page.GetByText("Nederlands").ClickAsync();

        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Klanten");
        await Expect(page.Locator("tr.list-row").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Volgende pagina" })).ToBeVisibleAsync();
        var navigation = page.Locator("nav, .mud-navmenu").First;
        await Expect(navigation).ToContainTextAsync("Leveranciers");
        await Expect(navigation).ToContainTextAsync("Artikelen");
        await Expect(navigation).Not.ToContainTextAsync("Vendors");
        await BrowserFixture.ScreenshotAsync(page, "customers-list-nl");
    }
}
