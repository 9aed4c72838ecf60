using System.Text.RegularExpressions;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.Integration;

/// <summary>Integration Table Mappings in Chromium: an administrator changes a mapping's direction the way BC's Edit List does.</summary>
public sealed class IntegrationTableMappingsTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", "Integration Table Mappings", "The integration table mapping has been saved.", "en")]
    [InlineData("nl-NL", "Integratietabeltoewijzingen", "De toewijzing van integratietabel is opgeslagen.", "nl")]
    public async Task Admin_ChangesCustomerDirection_Saves_AndSeesItAfterReload(string locale, string title, string savedText, string language)
    {
        var current = await EnsureDefaultMappingsAsync();
        var target = current switch
        {
            SyncDirection.Bidirectional => SyncDirection.ToIntegrationTable,
            SyncDirection.ToIntegrationTable => SyncDirection.FromIntegrationTable,
            _ => SyncDirection.Bidirectional,
        };
        var caption = Caption(target, language);
        var page = await browser.NewPageAsync(locale);

        await BrowserFixture.GotoInteractiveAsync(page, "integration-table-mappings");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync(title);
        var customerRow = page.Locator("tr.list-row").Filter(new() { Has = page.Locator("td.mapping-name", new() { HasTextRegex = new Regex("^CUSTOMER$") }) });
        await Expect(customerRow).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, $"integration-table-mappings-{language}");

        await customerRow.Locator("td.mapping-name").ClickAsync();
        await Expect(page.Locator("#card-heading")).ToHaveTextAsync("CUSTOMER");
        await page.Locator("#field-Direction").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(caption)}$") }).ClickAsync();
        await page.Locator("#action-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(savedText);
        await BrowserFixture.ScreenshotAsync(page, $"integration-table-mapping-card-{language}");

        await BrowserFixture.GotoInteractiveAsync(page, "integration-table-mappings");
        await Expect(customerRow.Locator("td.mapping-direction")).ToHaveTextAsync(caption);
        Assert.Equal(target, await StoredDirectionAsync());
    }

    private static string Caption(SyncDirection direction, string language) => (direction, language) switch
    {
        (SyncDirection.Bidirectional, "nl") => "Bidirectioneel",
        (SyncDirection.ToIntegrationTable, "nl") => "Naar integratietabel",
        (SyncDirection.FromIntegrationTable, "nl") => "Van integratietabel",
        (SyncDirection.Bidirectional, _) => "Bidirectional",
        (SyncDirection.ToIntegrationTable, _) => "To Integration Table",
        _ => "From Integration Table",
    };

    private async Task<SyncDirection> EnsureDefaultMappingsAsync()
    {
        await DefaultMappingsSetup.EnsureAsync(browser.Portal.AppServices, TestContext.Current.CancellationToken);
        return await StoredDirectionAsync();
    }

    private async Task<SyncDirection> StoredDirectionAsync()
    {
        await using var db = await browser.Portal.AppServices.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer).Select(m => m.Direction)
            .SingleAsync(TestContext.Current.CancellationToken);
    }
}
