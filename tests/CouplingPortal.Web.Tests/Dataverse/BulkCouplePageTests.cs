using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Web.Components.Pages.Dataverse;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.Tests.Dataverse;

/// <summary>The bulk insert and couple wizard: choose, count, create and couple in chunks, follow the jobs, summary.</summary>
public sealed class BulkCouplePageTests : DataverseUiTestContext
{
    [Fact]
    public async Task ChoosingCustomers_ShowsHowManyUncoupledCustomersAreInTheFilter_AndTheExcelLink()
    {
        await CoupleCustomerAsync("10000", "Adatum Corporation");
        await using var db = await DbAsync();
        var expected = await db.Customers.CountAsync(c => c.Blocked == CustomerBlocked.None, Ct) - 1;
        var cut = Render<BulkCouplePage>();
        Assert.Empty(cut.FindAll("#action-create-and-couple"));

        cut.Find("#bulk-table-customer").Click();

        cut.WaitForAssertion(() => Assert.Equal(expected.ToString(), cut.Find("#bulk-uncoupled-count").TextContent));
        Assert.Equal("/dataverse/excel/customer", cut.Find("#action-open-in-excel").GetAttribute("href"));
    }

    [Fact]
    public async Task CreateAndCouple_SchedulesOneJobPerChunk_AndEndsInASummaryOfTheJobs()
    {
        var cut = Render<BulkCouplePage>(p => p.Add(c => c.ChunkSize, 10));
        cut.Find("#bulk-table-customer").Click();
        cut.WaitForElement("#bulk-uncoupled-count");
        var count = int.Parse(cut.Find("#bulk-uncoupled-count").TextContent);

        cut.Find("#action-create-and-couple").Click();

        cut.WaitForElement("#bulk-progress");
        var entries = await QueuedAsync();
        Assert.Equal((count + 9) / 10, entries.Count);
        Assert.All(entries, e => Assert.Equal(DefaultMappings.Customer, e.MappingName));
        Assert.Empty(cut.FindAll("#bulk-summary"));

        // The jobs' records, as the engine writes them, then their ends pushed to the page.
        await using (var db = await DbAsync())
        {
            db.IntegrationSynchJobs.AddRange(entries.Select((e, i) => new IntegrationSynchJob
            {
                Id = Guid.NewGuid(), MappingName = DefaultMappings.Customer, Type = IntegrationJobType.Synchronization,
                Direction = Core.Integration.Mappings.SyncDirection.ToIntegrationTable, Status = IntegrationJobStatus.Finished,
                QueuedAt = DateTime.UtcNow, RequestId = e.Id, RequestedBy = "test", Inserted = i == 0 ? 9 : 1, Failed = i == 0 ? 1 : 0,
            }));
            await db.SaveChangesAsync(Ct);
        }
        foreach (var entry in entries.Skip(1))
            Publish(entry.Id, entry.MappingName, IntegrationJobRequestStatus.Finished);
        Assert.Empty(cut.FindAll("#bulk-summary"));
        Publish(entries[0].Id, entries[0].MappingName, IntegrationJobRequestStatus.Finished);

        cut.WaitForElement("#bulk-summary");
        Assert.Equal((9 + entries.Count - 1).ToString(), cut.Find("#bulk-inserted").TextContent);
        Assert.Equal("1", cut.Find("#bulk-failed").TextContent);
        Assert.Contains("mapping=CUSTOMER", cut.Find("#bulk-job-log").GetAttribute("href"));
    }

    [Fact]
    public async Task Resources_AreRefused_WhenTheirMappingDoesNotSendToDataverse_AndTheWizardSaysWhy()
    {
        await using (var db = await DbAsync())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.ResourceProduct)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Direction, Core.Integration.Mappings.SyncDirection.FromIntegrationTable), Ct);
        }
        var cut = Render<BulkCouplePage>();
        cut.Find("#bulk-table-resource").Click();
        cut.WaitForElement("#bulk-uncoupled-count");

        cut.Find("#action-create-and-couple").Click();

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.Contains(DefaultMappings.ResourceProduct)));
        Assert.Empty(cut.FindAll("#bulk-progress"));
    }
}
