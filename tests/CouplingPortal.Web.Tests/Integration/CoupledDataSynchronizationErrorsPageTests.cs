using Bunit;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class CoupledDataSynchronizationErrorsPageTests : IntegrationAdminTestContext
{
    [Fact]
    public async Task FailedAndSkippedCouplings_AreListed_WithTheLatestErrorAndAHint()
    {
        await ApplyDefaultMappingsAsync();
        var job = Job(DefaultMappings.Customer, DateTime.UtcNow.AddMinutes(-5), failed: 1);
        var couplings = await CoupleCustomersAsync(3, (i, c) =>
        {
            if (i == 0) (c.LastResultToDataverse, c.LastErrorToDataverse, c.Skipped) = (SyncResult.Failure, "User is missing prvWriteAccount privilege.", true);
            if (i == 1) (c.LastResultToDataverse, c.LastJobIdToDataverse) = (SyncResult.Failure, job.Id);
            if (i == 2) c.LastResultToDataverse = SyncResult.Success;
        });
        job.Errors.Add(new IntegrationSynchJobError
        {
            SourceRecordId = couplings[1].LocalSystemId,
            SourceDescription = "Customer",
            Message = "Dataverse answered 503 Service Unavailable.",
            Detail = "503 from the service",
            IsTransient = true,
            OccurredAt = DateTime.UtcNow.AddMinutes(-4),
        });
        await AddJobsAsync(job);

        var cut = Render<CoupledDataSynchronizationErrorsPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr.sync-error").Count));
        var rows = cut.FindAll("tr.sync-error");
        var transient = rows.Single(r => r.TextContent.Contains("503"));
        Assert.Equal("Transient", transient.QuerySelector(".sync-error-kind")!.GetAttribute("data-kind"));
        Assert.Contains("will clear by itself", transient.QuerySelector(".sync-error-hint")!.TextContent);
        Assert.Contains("503 from the service", transient.QuerySelector("details.sync-error-detail")!.TextContent);
        await using (var db = await DbAsync())
        {
            var customer = db.Customers.Single(c => c.SystemId == couplings[1].LocalSystemId);
            Assert.Equal($"{customer.No} {customer.Name}", transient.QuerySelector(".sync-error-description")!.TextContent.Trim());
        }
        Assert.Equal("Yes", transient.QuerySelector(".sync-error-record-exists")!.TextContent.Trim());
        var privilege = rows.Single(r => r.TextContent.Contains("prvWriteAccount"));
        Assert.Equal("MissingPrivilege", privilege.QuerySelector(".sync-error-kind")!.GetAttribute("data-kind"));
        Assert.Contains("Needs action", privilege.QuerySelector(".sync-error-hint")!.TextContent);
    }

    [Fact]
    public async Task Hints_AreDutch_UnderDutchCulture()
    {
        UseCulture("nl-NL");
        await ApplyDefaultMappingsAsync();
        await CoupleCustomersAsync(1, (_, c) => (c.LastResultFromDataverse, c.LastErrorFromDataverse, c.Skipped) =
            (SyncResult.Failure, "The Customer record cannot be updated because it is coupled to a deleted record.", true));

        var cut = Render<CoupledDataSynchronizationErrorsPage>();

        cut.WaitForAssertion(() => Assert.Contains("Records herstellen", cut.Find(".sync-error-hint").TextContent));
        Assert.Contains("Actie nodig", cut.Find(".sync-error-hint").TextContent);
        Assert.Equal("Nee", cut.Find(".sync-error-coupled-exists").TextContent.Trim());
    }

    [Fact]
    public async Task LoadMoreErrors_AppendsTheNextPage_UntilAllAreShown()
    {
        await ApplyDefaultMappingsAsync();
        await CoupleCustomersAsync(5, (i, c) => (c.LastResultToDataverse, c.LastErrorToDataverse) = (SyncResult.Failure, $"Error {i}"));

        var cut = Render<CoupledDataSynchronizationErrorsPage>(p => p.Add(c => c.PageSize, 2));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr.sync-error").Count));
        cut.Find("#action-load-more").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("tr.sync-error").Count));
        cut.Find("#action-load-more").Click();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("tr.sync-error").Count));
        Assert.Empty(cut.FindAll("#action-load-more"));
        Assert.Equal(5, cut.FindAll("tr.sync-error").Select(r => r.QuerySelector(".sync-error-message")!.TextContent).Distinct().Count());
    }

    [Fact]
    public void NoErrors_SaysSo()
    {
        var cut = Render<CoupledDataSynchronizationErrorsPage>();
        cut.WaitForElement("#no-sync-errors");
    }
}
