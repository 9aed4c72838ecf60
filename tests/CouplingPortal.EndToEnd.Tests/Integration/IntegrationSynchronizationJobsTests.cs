using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CouplingPortal.EndToEnd.Tests.Integration;

/// <summary>The jobs log in Chromium: the chart of recent runs renders and a failed run opens its errors.</summary>
public sealed class IntegrationSynchronizationJobsTests(BrowserFixture browser)
{
    [Fact]
    public async Task User_SeesRecentRunsChart_AndOpensTheErrorsOfAFailedRun()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = browser.Portal.AppServices;
        await DefaultMappingsSetup.EnsureAsync(services, ct);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct))
        {
            // Runs of earlier days only, so they never sit above a run another test starts today.
            var day = DateTime.UtcNow.Date;
            var failedRun = Run(day.AddDays(-1).AddHours(9), inserted: 2, modified: 1, failed: 1, "e2e-failed-run");
            failedRun.Errors.Add(new IntegrationSynchJobError
            {
                SourceDescription = "Customer 10000 Adatum Corporation",
                DestinationDescription = "Dataverse account",
                Message = "The Customer record cannot be updated because it is coupled to a deleted record.",
                Detail = "0x80040217 account does not exist",
                OccurredAt = day.AddDays(-1).AddHours(9),
            });
            db.IntegrationSynchJobs.AddRange(
                Run(day.AddDays(-3).AddHours(8), inserted: 12, modified: 0, failed: 0, "e2e-initial-run"),
                Run(day.AddDays(-2).AddHours(8), inserted: 0, modified: 5, failed: 0, "e2e-delta-run"),
                failedRun);
            await db.SaveChangesAsync(ct);
        }
        var page = await browser.NewPageAsync();

        await BrowserFixture.GotoInteractiveAsync(page, IntegrationSynchronizationJobsPageUrl());
        await Expect(page.Locator("#page-title")).ToHaveTextAsync("Integration Synchronization Jobs");
        var failedRow = page.Locator("tr.list-row").Filter(new() { HasText = "e2e-failed-run" });
        await Expect(failedRow).ToHaveCountAsync(1);
        await Expect(failedRow.Locator("td.job-direction")).ToHaveTextAsync("Customer to Dataverse account");
        await Expect(page.Locator("#recent-runs svg").First).ToBeVisibleAsync();

        await failedRow.ClickAsync();
        await Expect(page.Locator("#job-errors .job-error-message")).ToContainTextAsync("coupled to a deleted record");
        await page.Locator("#job-errors details summary").ClickAsync();
        await Expect(page.Locator("#job-errors details pre")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "integration-synchronization-jobs-en");
    }

    private static string IntegrationSynchronizationJobsPageUrl() => "integration-synchronization-jobs?mapping=CUSTOMER&type=Synchronization";

    private static IntegrationSynchJob Run(DateTime queuedAt, int inserted, int modified, int failed, string message) => new()
    {
        Id = Guid.NewGuid(),
        MappingName = DefaultMappings.Customer,
        Type = IntegrationJobType.Synchronization,
        Direction = SyncDirection.ToIntegrationTable,
        Status = IntegrationJobStatus.Finished,
        QueuedAt = queuedAt,
        StartedAt = queuedAt.AddSeconds(1),
        FinishedAt = queuedAt.AddSeconds(3),
        Inserted = inserted,
        Modified = modified,
        Failed = failed,
        Message = message,
        RequestedBy = "scheduler",
    };
}
