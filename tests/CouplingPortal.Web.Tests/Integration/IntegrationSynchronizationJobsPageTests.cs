using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class IntegrationSynchronizationJobsPageTests : IntegrationAdminTestContext
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private static IReadOnlyList<string> Column(IRenderedComponent<IntegrationSynchronizationJobsPage> cut, string cellClass) =>
        [.. cut.FindAll($"tr.list-row td.{cellClass}").Select(c => c.TextContent.Trim())];

    [Fact]
    public async Task Jobs_AreListedNewestFirst_WithDirectionInWordsAndCounters()
    {
        await ApplyDefaultMappingsAsync();
        await AddJobsAsync(
            Job(DefaultMappings.Customer, Now.AddHours(-3), inserted: 1, message: "oldest"),
            Job(DefaultMappings.Vendor, Now.AddHours(-1), direction: SyncDirection.FromIntegrationTable, modified: 4, message: "newest"),
            Job(DefaultMappings.Contact, Now.AddHours(-2), failed: 2, message: "middle"));

        var cut = Render<IntegrationSynchronizationJobsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["newest", "middle", "oldest"], Column(cut, "job-message")));
        Assert.Equal(["VENDOR", "CONTACT", "CUSTOMER"], Column(cut, "job-mapping"));
        Assert.Equal("Dataverse account to Vendor", Column(cut, "job-direction")[0]);
        Assert.Equal("Customer to Dataverse account", Column(cut, "job-direction")[2]);
        Assert.Equal("4", Column(cut, "job-modified")[0]);
        Assert.Equal("0:03", Column(cut, "job-duration")[0]);
        Assert.Equal("Finished", Column(cut, "job-status")[0]);
    }

    [Fact]
    public async Task ClickingAJob_ShowsItsErrors_WithTheDetailExpandable()
    {
        await ApplyDefaultMappingsAsync();
        var failed = Job(DefaultMappings.Customer, Now.AddMinutes(-30), failed: 1);
        failed.Errors.Add(new IntegrationSynchJobError
        {
            SourceDescription = "Customer 10000 Adatum Corporation",
            DestinationDescription = "account 5d1c…",
            Message = "The Customer record cannot be updated because it is coupled to a deleted record.",
            Detail = "0x80040217 account With Id = 5d1c does not exist. Request id 42.",
            OccurredAt = Now.AddMinutes(-29),
        });
        await AddJobsAsync(failed, Job(DefaultMappings.Vendor, Now.AddMinutes(-10)));
        var cut = Render<IntegrationSynchronizationJobsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr.list-row").Count));

        cut.FindAll("tr.list-row")[1].Click();

        cut.WaitForElement("#job-errors");
        Assert.Equal(failed.Id.ToString(), cut.Find("#job-errors").GetAttribute("data-job-id"));
        var error = cut.Find("tr.job-error");
        Assert.Equal("Customer 10000 Adatum Corporation", error.QuerySelector(".job-error-source")!.TextContent);
        Assert.Contains("coupled to a deleted record", error.QuerySelector(".job-error-message")!.TextContent);
        Assert.Contains("Request id 42", error.QuerySelector("details.job-error-detail pre")!.TextContent);

        cut.FindAll("tr.list-row")[0].Click();
        cut.WaitForElement("#job-no-errors");
    }

    [Fact]
    public async Task QueryString_FiltersByMappingAndType()
    {
        await ApplyDefaultMappingsAsync();
        await AddJobsAsync(
            Job(DefaultMappings.Customer, Now.AddHours(-1), message: "customer sync"),
            Job(DefaultMappings.Customer, Now.AddHours(-2), type: IntegrationJobType.Coupling, message: "customer coupling"),
            Job(DefaultMappings.Vendor, Now.AddHours(-3), message: "vendor sync"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(IntegrationSynchronizationJobsPage.Url(DefaultMappings.Customer, IntegrationJobType.Synchronization));

        var cut = Render<IntegrationSynchronizationJobsPage>();

        cut.WaitForAssertion(() => Assert.Equal(["customer sync"], Column(cut, "job-message")));
        navigation.NavigateTo(IntegrationSynchronizationJobsPage.Url(null, IntegrationJobType.Coupling));
        cut.WaitForAssertion(() => Assert.Equal(["customer coupling"], Column(cut, "job-message")));
    }

    [Fact]
    public async Task RecentRuns_SumTheCountersPerDay()
    {
        await ApplyDefaultMappingsAsync();
        var today = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        await AddJobsAsync(
            Job(DefaultMappings.Customer, today.AddHours(-1), inserted: 2, failed: 1),
            Job(DefaultMappings.Customer, today.AddHours(-2), inserted: 3),
            Job(DefaultMappings.Customer, today.AddDays(-1), modified: 5),
            Job(DefaultMappings.Customer, today.AddDays(-20), modified: 99));
        var admin = Services.GetRequiredService<IntegrationAdminService>();

        var days = await admin.RecentRunsByDayAsync(null, null, today, 14, Ct);

        Assert.Equal(14, days.Count);
        Assert.Equal(new JobDay(new DateOnly(2026, 3, 10), 2, 5, 0, 0, 0, 0, 1), days[^1]);
        Assert.Equal(new JobDay(new DateOnly(2026, 3, 9), 1, 0, 5, 0, 0, 0, 0), days[^2]);
        Assert.Equal(10, days.Sum(d => d.Inserted + d.Modified));
    }

    [Fact]
    public async Task Paging_IsDoneByTheServer()
    {
        await ApplyDefaultMappingsAsync();
        await AddJobsAsync([.. Enumerable.Range(0, 30).Select(i => Job(DefaultMappings.Customer, Now.AddMinutes(-i), message: $"run {i}"))]);
        var admin = Services.GetRequiredService<IntegrationAdminService>();

        var second = await admin.ListJobsAsync(DefaultMappings.Customer, IntegrationJobType.Synchronization, page: 1, pageSize: 25, Ct);

        Assert.Equal(30, second.TotalCount);
        Assert.Equal(["run 25", "run 26", "run 27", "run 28", "run 29"], second.Items.Select(j => j.Message));
    }
}
