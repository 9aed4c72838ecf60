using System.Text.RegularExpressions;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.BulkCoupling;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.EndToEnd.Tests.Infrastructure;
using CouplingPortal.EndToEnd.Tests.Integration;
using CouplingPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.Dataverse;

/// <summary>
/// The seed's procedures on the Dataverse side, in Chromium, once in English and once in Dutch. Each test changes
/// couplings or mappings broadly (a whole mapping, every uncoupled record), so each runs on a portal of its own.
/// </summary>
public sealed class DataverseProceduresTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class OwnPortal(PortalServer server, IPage page) : IAsyncDisposable
    {
        public PortalServer Server => server;

        public IPage Page => page;

        public T Get<T>() where T : notnull => server.AppServices.GetRequiredService<T>();

        public PortalDbContext Db() => Get<IDbContextFactory<PortalDbContext>>().CreateDbContext();

        public async ValueTask DisposeAsync()
        {
            await page.Context.CloseAsync();
            await server.DisposeAsync();
        }
    }

    private async Task<OwnPortal> StartAsync(string locale)
    {
        var server = new PortalServer();
        server.Start();
        await DefaultMappingsSetup.EnsureAsync(server.AppServices, Ct);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = locale,
        });
        context.SetDefaultTimeout(20_000);
        return new OwnPortal(server, await context.NewPageAsync());
    }

    private static async Task<Guid> AccountIdAsync(OwnPortal portal, string name)
    {
        var rows = await portal.Get<IDataverseClient>().QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("name").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        return rows.First().GetId(DataverseTable.Accounts);
    }

    private static async Task CoupleAsync(OwnPortal portal, string customerNo, string accountName)
    {
        await using var db = portal.Db();
        var customer = await db.Customers.SingleAsync(c => c.No == customerNo, Ct);
        var outcome = await portal.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, await AccountIdAsync(portal, accountName),
            false, SynchronizeAfterCoupling.No, "e2e", Ct);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private static ILocator Row(IPage page, string rowSelector, string cellSelector, string text) =>
        page.Locator(rowSelector).Filter(new() { Has = page.Locator(cellSelector, new() { HasTextRegex = new Regex("^" + Regex.Escape(text) + "$") }) });

    [Theory]
    [InlineData("en-US", "en", "Bulk insert and couple")]
    [InlineData("nl-NL", "nl", "Records bulk-invoegen en koppelen")]
    public async Task BulkInsertAndCouple_CreatesTheUncoupledResourcesInDataverse_AndCouplesThem(string locale, string language, string title)
    {
        await using var portal = await StartAsync(locale);
        var page = portal.Page;
        await BrowserFixture.GotoInteractiveAsync(page, "dataverse/bulk-couple");
        await Expect(page.Locator("#page-title")).ToHaveTextAsync(title);
        await page.Locator("#bulk-table-resource").ClickAsync();
        await Expect(page.Locator("#bulk-uncoupled-count")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        var count = int.Parse(await page.Locator("#bulk-uncoupled-count").TextContentAsync() ?? "0");
        await Expect(page.Locator("#action-open-in-excel")).ToHaveAttributeAsync("href", "/dataverse/excel/resource");
        await BrowserFixture.ScreenshotAsync(page, $"bulk-couple-choose-{language}");

        var candidates = (await portal.Get<DataverseImportWorkbook>().CandidatesAsync(LocalTable.Resource, Ct)).UncoupledSystemIds.ToList();
        Assert.Equal(count, candidates.Count);
        await page.Locator("#action-create-and-couple").ClickAsync();

        await Expect(page.Locator("#bulk-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, $"bulk-couple-summary-{language}");
        var inserted = int.Parse(await page.Locator("#bulk-inserted").TextContentAsync() ?? "0");
        var failed = int.Parse(await page.Locator("#bulk-failed").TextContentAsync() ?? "0");
        await using var db = portal.Db();
        var errors = await db.IntegrationSynchJobErrors.AsNoTracking().Select(e => e.Message).Take(3).ToListAsync(Ct);
        Assert.True(inserted > 0, $"inserted {inserted}, failed {failed}: {string.Join(" | ", errors)}");
        // The portal's recurring RESOURCE-PRODUCT synchronization runs beside the wizard and may couple some as well.
        var coupled = await db.Couplings.CountAsync(c => c.LocalTable == LocalTable.Resource && candidates.Contains(c.LocalSystemId), Ct);
        Assert.InRange(coupled, inserted, count);
        // What is left in the filter: the records that were not created and coupled.
        await Expect(page.Locator("#bulk-uncoupled-count")).ToHaveTextAsync((count - coupled).ToString());
    }

    [Theory]
    [InlineData("en-US", "en", "the CUSTOMER mapping does not create records from Dataverse")]
    [InlineData("nl-NL", "nl", "toewijzing CUSTOMER maakt geen records vanuit Dataverse")]
    public async Task TheBusinessCentralButton_OnTheDataverseRecordPage_OpensTheCoupledCard_OrSaysWhyNot(string locale, string language, string refusal)
    {
        await using var portal = await StartAsync(locale);
        var page = portal.Page;
        await CoupleAsync(portal, "10000", "Adatum Corporation");
        var emulator = portal.Get<EmbeddedDataverseHost>().Emulator!;

        await page.GotoAsync(emulator.RecordPageUrl("account", await AccountIdAsync(portal, "Adatum Corporation")).AbsoluteUri);
        await BrowserFixture.ScreenshotAsync(page, $"dataverse-record-page-{language}");
        await page.Locator("#business-central").ClickAsync();

        await page.WaitForURLAsync(new Regex("/customers/10000$"));
        await Expect(page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);
        await Expect(page.GetByText("Adatum Corporation").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"dataverse-open-card-{language}");

        await page.GotoAsync(emulator.RecordPageUrl("account", await AccountIdAsync(portal, "Contoso Pharmaceuticals")).AbsoluteUri);
        await page.Locator("#business-central").ClickAsync();
        await Expect(page.Locator("#open-refused")).ToContainTextAsync(refusal);
        await BrowserFixture.ScreenshotAsync(page, $"dataverse-open-refused-{language}");
    }

    [Theory]
    [InlineData("en-US", "en", "Yes")]
    [InlineData("nl-NL", "nl", "Ja")]
    public async Task Uncouple_FromTheErrorsPage_AndForAWholeMapping(string locale, string language, string yes)
    {
        await using var portal = await StartAsync(locale);
        var page = portal.Page;
        await CoupleAsync(portal, "10000", "Adatum Corporation");
        await CoupleAsync(portal, "20000", "Trey Research");
        await using (var db = portal.Db())
        {
            var adatum = await db.Customers.SingleAsync(c => c.No == "10000", Ct);
            await db.Couplings.Where(c => c.LocalSystemId == adatum.SystemId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LastResultToDataverse, SyncResult.Failure)
                .SetProperty(c => c.LastErrorToDataverse, "User is missing prvWriteAccount privilege.")
                .SetProperty(c => c.Skipped, true), Ct);
        }

        await BrowserFixture.GotoInteractiveAsync(page, "coupled-data-synchronization-errors");
        var line = page.Locator("tr.sync-error");
        await Expect(line).ToHaveCountAsync(1);
        await line.Locator("input[type=checkbox]").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, $"sync-errors-actions-{language}");
        await page.Locator("#action-remove-coupling").ClickAsync();
        // The uncoupling job ends and the page refreshes itself.
        await Expect(page.Locator("#no-sync-errors")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await using (var db = portal.Db())
            Assert.Equal(1, await db.Couplings.CountAsync(c => c.LocalTable == LocalTable.Customer, Ct));

        await BrowserFixture.GotoInteractiveAsync(page, "integration-table-mappings");
        var customer = Row(page, "tr.list-row", "td.mapping-name", DefaultMappings.Customer);
        await Expect(customer.Locator("td.mapping-couplings")).ToHaveTextAsync("1");
        await customer.Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#action-delete-couplings").ClickAsync();
        await page.Locator(".mud-dialog button").Filter(new() { HasTextRegex = new Regex("^" + yes + "$") }).ClickAsync();
        await Expect(customer.Locator("td.mapping-couplings")).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, $"mappings-delete-couplings-{language}");
        await using (var db = portal.Db())
            Assert.Equal(0, await db.Couplings.CountAsync(c => c.LocalTable == LocalTable.Customer, Ct));
    }

    [Theory]
    [InlineData("en-US", "en", "From Integration Table", "The CUSTOMER mapping does not send data to Dataverse")]
    [InlineData("nl-NL", "nl", "Van integratietabel", "Toewijzing CUSTOMER verzendt geen gegevens naar Dataverse")]
    public async Task ChangingCustomerToFromIntegrationTable_StopsCreatingCustomersInDataverse(string locale, string language, string direction, string refusal)
    {
        await using var portal = await StartAsync(locale);
        var page = portal.Page;

        await BrowserFixture.GotoInteractiveAsync(page, "integration-table-mappings/CUSTOMER");
        await page.Locator("#field-Direction").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(direction)}$") }).ClickAsync();
        await page.Locator("#action-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(1);

        await BrowserFixture.GotoInteractiveAsync(page, "dataverse/bulk-couple");
        await page.Locator("#bulk-table-customer").ClickAsync();
        await Expect(page.Locator("#bulk-uncoupled-count")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await page.Locator("#action-create-and-couple").ClickAsync();

        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = refusal })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"direction-effect-{language}");
        await Expect(page.Locator("#bulk-summary")).ToHaveCountAsync(0);
        await using var db = portal.Db();
        Assert.Equal(SyncDirection.FromIntegrationTable, await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer).Select(m => m.Direction).SingleAsync(Ct));
        Assert.Equal(0, await db.Couplings.CountAsync(c => c.LocalTable == LocalTable.Customer, Ct));
    }
}
