using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Actions;

/// <summary>
/// The card and list actions against the emulator's demo rows (CRONUS's Adatum and Trey Research, unclaimed rows,
/// FABRIKAM NL's Coho Winery): BC's checks, the messages users see, and the jobs they enqueue. The scheduler is not
/// running here, so the queued entries can be inspected as the click left them.
/// </summary>
public abstract class CouplingActionsTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private Task<IntegrationHarness> StartAsync() => IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);

    private static async Task<Guid> AccountAsync(IntegrationHarness h, string name)
    {
        var rows = await h.Client.QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("accountid").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        return Assert.Single(rows).GetId(DataverseTable.Accounts);
    }

    private static async Task<Customer> CustomerAsync(IntegrationHarness h, string no)
    {
        await using var db = h.Db();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.No == no, Ct);
    }

    private static async Task<List<(IntegrationJobRequest Entry, T Payload)>> QueuedAsync<T>(IntegrationHarness h, IntegrationJobKind kind)
    {
        await using var db = h.Db();
        var entries = await db.IntegrationJobRequests.AsNoTracking().Where(e => e.Kind == kind && !e.Recurring).ToListAsync(Ct);
        return [.. entries.OrderBy(e => e.QueuedAt).Select(e => (e, JsonSerializer.Deserialize<T>(e.PayloadJson, Json)!))];
    }

    [Fact]
    public async Task SetUpCoupling_CouplesTheCustomerToTheChosenAccount_AndSchedulesTheFirstSynchronizationInTheChosenDirection()
    {
        await using var h = await StartAsync();
        var customer = await CustomerAsync(h, "10000");
        var account = await AccountAsync(h, "Adatum Corporation");

        var outcome = await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, account, createNew: false,
            SynchronizeAfterCoupling.UseDataverseData, "alice", Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Contains("Adatum Corporation", outcome.Message);
        Assert.EndsWith("The synchronization has been scheduled.", outcome.Message);
        var status = await h.Get<CouplingActions>().GetStatusAsync(LocalTable.Customer, customer.SystemId, Ct);
        Assert.True(status.Coupled);
        Assert.Equal(account, status.DataverseId);
        Assert.Equal(SynchronizeAfterCoupling.No, status.DefaultSynchronizeAfterCoupling);
        var (entry, request) = Assert.Single(await QueuedAsync<SyncRequest>(h, IntegrationJobKind.Synchronization));
        Assert.Equal(outcome.JobRequestId, entry.Id);
        Assert.Equal(SyncDirection.FromIntegrationTable, request.Direction);
        Assert.Equal([customer.SystemId], request.LocalSystemIds);
        Assert.Equal([account], request.DataverseIds);
        Assert.Equal("alice", entry.RequestedBy);
    }

    [Fact]
    public async Task SetUpCoupling_RefusesAnAccountOutsideTheIntegrationTableFilter_SuchAsAnotherCompanysRow()
    {
        await using var h = await StartAsync();
        var customer = await CustomerAsync(h, "60000");
        var otherCompanys = await AccountAsync(h, "Coho Winery");

        var outcome = await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, otherCompanys, false,
            SynchronizeAfterCoupling.No, "alice", Ct);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("The filters applied to table mapping CUSTOMER are preventing", outcome.Message);
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(Ct));
    }

    [Fact]
    public async Task SetUpCoupling_RefusesACustomerOutsideTheTableFilter_InDutchToo()
    {
        await using var h = await StartAsync();
        var blocked = await CustomerAsync(h, "12000");
        var account = await AccountAsync(h, "Contoso Pharmaceuticals");

        using (new CultureScope("nl-NL"))
        {
            var outcome = await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, blocked.SystemId, account, false, SynchronizeAfterCoupling.No, "alice", Ct);
            Assert.False(outcome.Succeeded);
            Assert.Contains("valt buiten het tabelfilter van toewijzing CUSTOMER", outcome.Message);
        }
        var status = await h.Get<CouplingActions>().GetStatusAsync(LocalTable.Customer, blocked.SystemId, Ct);
        Assert.True(status.ShowActions);
        Assert.False(status.ActionsEnabled);
    }

    [Fact]
    public async Task SetUpCoupling_RefusesARowCoupledToAnotherExistingCustomer_ButReplacesACouplingWhoseCustomerIsGone()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var adatum = await CustomerAsync(h, "10000");
        var trey = await CustomerAsync(h, "20000");
        var account = await AccountAsync(h, "Contoso Pharmaceuticals");
        Assert.True((await actions.SetUpCouplingAsync(LocalTable.Customer, adatum.SystemId, account, false, SynchronizeAfterCoupling.No, "alice", Ct)).Succeeded);

        var refused = await actions.SetUpCouplingAsync(LocalTable.Customer, trey.SystemId, account, false, SynchronizeAfterCoupling.No, "alice", Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains("already coupled to Customer 10000 Adatum Corporation", refused.Message);

        await using (var db = h.Db())
        {
            await db.Customers.Where(c => c.SystemId == adatum.SystemId).ExecuteDeleteAsync(Ct);
        }
        var accepted = await actions.SetUpCouplingAsync(LocalTable.Customer, trey.SystemId, account, false, SynchronizeAfterCoupling.No, "alice", Ct);
        Assert.True(accepted.Succeeded, accepted.Message);
        await using var check = h.Db();
        var coupling = Assert.Single(await check.Couplings.ToListAsync(Ct));
        Assert.Equal(trey.SystemId, coupling.LocalSystemId);
    }

    [Fact]
    public async Task CouplingARecordToAnotherRow_ReplacesItsCoupling_AndResetsItsSynchronizationState()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var customer = await CustomerAsync(h, "30000");
        var first = await AccountAsync(h, "Northwind Traders");
        var second = await AccountAsync(h, "SCHOOL OF FINE ART");
        await actions.SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, first, false, SynchronizeAfterCoupling.No, "alice", Ct);
        await using (var db = h.Db())
        {
            var coupling = await db.Couplings.SingleAsync(Ct);
            coupling.Skipped = true;
            coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "boom", transient: false);
            await db.SaveChangesAsync(Ct);
        }

        var outcome = await actions.SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, second, false, SynchronizeAfterCoupling.No, "alice", Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var check = h.Db();
        var replaced = await check.Couplings.SingleAsync(Ct);
        Assert.Equal(second, replaced.DataverseId);
        Assert.False(replaced.Skipped);
        Assert.Equal(SyncResult.None, replaced.LastResultToDataverse);
    }

    [Fact]
    public async Task SynchronizingASelection_SkipsUncoupledSkippedAndDestinationChangedRecords_AndSchedulesTheRest()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var adatum = await CustomerAsync(h, "10000");
        var trey = await CustomerAsync(h, "20000");
        var school = await CustomerAsync(h, "30000");
        var alpine = await CustomerAsync(h, "40000");
        var adatumRow = await AccountAsync(h, "Adatum Corporation");
        var treyRow = await AccountAsync(h, "Trey Research");
        var schoolRow = await AccountAsync(h, "SCHOOL OF FINE ART");
        foreach (var (customer, row) in new[] { (adatum, adatumRow), (trey, treyRow), (school, schoolRow) })
            await actions.SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, row, false, SynchronizeAfterCoupling.No, "alice", Ct);
        var rows = await h.Client.QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("modifiedon").Where(Filter.In("accountid", [adatumRow, treyRow, schoolRow])), ct: Ct)
            .ToListAsync(Ct);
        var modifiedOn = rows.ToDictionary(r => r.GetId(DataverseTable.Accounts), r => r.GetDateTime("modifiedon"));
        await using (var db = h.Db())
        {
            foreach (var coupling in await db.Couplings.ToListAsync(Ct))
                coupling.AdvanceDataverseModifiedOn(modifiedOn[coupling.DataverseId]);
            (await db.Couplings.SingleAsync(c => c.LocalSystemId == trey.SystemId, Ct)).Skipped = true;
            await db.SaveChangesAsync(Ct);
        }
        // Someone edits School of Fine Art in Sales after the last synchronization: sending would overwrite that.
        await h.Client.UpdateAsync(DataverseTable.Accounts, schoolRow, new JsonObject { ["telephone1"] = "+1 305 555 9999" }, ct: Ct);

        var outcome = await actions.SynchronizeSelectionAsync(LocalTable.Customer, [adatum.SystemId, trey.SystemId, school.SystemId, alpine.SystemId],
            SyncDirection.ToIntegrationTable, "alice", Ct);

        Assert.True(outcome.Succeeded);
        Assert.Equal("The synchronization has been scheduled for 1 of 4 records. 0 records failed. 3 records were skipped.", outcome.Message);
        Assert.Equal(3, outcome.Details.Count);
        Assert.Contains(outcome.Details, d => d.Contains("40000") && d.Contains("is not coupled"));
        Assert.Contains(outcome.Details, d => d.Contains("20000") && d.Contains("skipped"));
        Assert.Contains(outcome.Details, d => d.Contains("30000") && d.Contains("changed since the last synchronization"));
        var (_, request) = Assert.Single(await QueuedAsync<SyncRequest>(h, IntegrationJobKind.Synchronization));
        Assert.Equal([adatum.SystemId], request.LocalSystemIds);
        Assert.True(request.SkipIfDestinationChanged);
    }

    [Fact]
    public async Task CreateInDataverse_SkipsRecordsCoupledToExistingRows_AndDropsCouplingsToDeletedRows()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var adatum = await CustomerAsync(h, "10000");
        var relecloud = await CustomerAsync(h, "50000");
        var coho = await CustomerAsync(h, "60000");
        await actions.SetUpCouplingAsync(LocalTable.Customer, adatum.SystemId, await AccountAsync(h, "Adatum Corporation"), false, SynchronizeAfterCoupling.No, "alice", Ct);
        var doomed = await AccountAsync(h, "Litware, Inc.");
        await actions.SetUpCouplingAsync(LocalTable.Customer, relecloud.SystemId, doomed, false, SynchronizeAfterCoupling.No, "alice", Ct);
        await h.Client.DeleteAsync(DataverseTable.Accounts, doomed, ct: Ct);

        var outcome = await actions.CreateInDataverseAsync(LocalTable.Customer, [adatum.SystemId, relecloud.SystemId, coho.SystemId], "alice", Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal("Creating the records in Dataverse has been scheduled for 2 of 3 records; 1 were skipped because they are already coupled.", outcome.Message);
        var (_, request) = Assert.Single(await QueuedAsync<SyncRequest>(h, IntegrationJobKind.Synchronization));
        Assert.Equal(new[] { relecloud.SystemId, coho.SystemId }.Order(), request.LocalSystemIds.Order());
        Assert.False(request.SynchOnlyCoupledRecords);
        Assert.Equal(SyncDirection.ToIntegrationTable, request.Direction);
        await using var db = h.Db();
        Assert.Equal(adatum.SystemId, (await db.Couplings.SingleAsync(Ct)).LocalSystemId);
    }

    [Fact]
    public async Task DataverseActions_AreHidden_WhileTheConnectionIsDisabled_AndRefusedIfCalledAnyway()
    {
        await using var h = await StartAsync();
        var account = await AccountAsync(h, "Adatum Corporation");
        var connection = h.Get<DataverseConnectionService>();
        var input = await connection.GetAsync(Ct);
        input.IsEnabled = false;
        Assert.True((await connection.SaveAsync(input, Ct)).Saved);
        var customer = await CustomerAsync(h, "10000");

        var status = await h.Get<CouplingActions>().GetStatusAsync(LocalTable.Customer, customer.SystemId, Ct);
        var outcome = await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, account,
            false, SynchronizeAfterCoupling.No, "alice", Ct);

        Assert.False(status.ShowActions);
        Assert.False(outcome.Succeeded);
        Assert.StartsWith("Integration with Dataverse is not enabled.", outcome.Message);
    }

    [Fact]
    public async Task DeleteCoupling_SchedulesTheUncouplingOfTheCoupledRecordsOfTheSelection()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var adatum = await CustomerAsync(h, "10000");
        var trey = await CustomerAsync(h, "20000");
        await actions.SetUpCouplingAsync(LocalTable.Customer, adatum.SystemId, await AccountAsync(h, "Adatum Corporation"), false, SynchronizeAfterCoupling.No, "alice", Ct);

        var nothing = await actions.DeleteCouplingAsync(LocalTable.Customer, [trey.SystemId], "alice", Ct);
        var outcome = await actions.DeleteCouplingAsync(LocalTable.Customer, [adatum.SystemId, trey.SystemId], "alice", Ct);

        Assert.False(nothing.Succeeded);
        Assert.Equal("The uncoupling has been scheduled.", outcome.Message);
        var (_, request) = Assert.Single(await QueuedAsync<UncoupleRequest>(h, IntegrationJobKind.Uncoupling));
        Assert.Equal(DefaultMappings.Customer, request.MappingName);
        Assert.Equal([adatum.SystemId], request.LocalSystemIds);
    }

    [Fact]
    public async Task TheSetUpCouplingLookup_ShowsOnlyRowsInTheIntegrationTableFilter_AndHideCoupledLeavesCoupledOnesOut()
    {
        await using var h = await StartAsync();
        var actions = h.Get<CouplingActions>();
        var adatum = await CustomerAsync(h, "10000");
        var adatumRow = await AccountAsync(h, "Adatum Corporation");
        await actions.SetUpCouplingAsync(LocalTable.Customer, adatum.SystemId, adatumRow, false, SynchronizeAfterCoupling.No, "alice", Ct);

        var all = await actions.SearchDataverseAsync(LocalTable.Customer, null, hideCoupled: false, 50, Ct);
        var uncoupled = await actions.SearchDataverseAsync(LocalTable.Customer, null, hideCoupled: true, 50, Ct);
        var searched = await actions.SearchDataverseAsync(LocalTable.Customer, "relecloud", hideCoupled: false, 50, Ct);

        Assert.Contains(all, r => r.Id == adatumRow && r.Coupled && r.CoupledLocalSystemId == adatum.SystemId);
        Assert.DoesNotContain(all, r => r.Name == "Coho Winery" || r.Name == "Fabrikam Inc.");
        Assert.DoesNotContain(uncoupled, r => r.Id == adatumRow);
        Assert.Equal(all.Count - 1, uncoupled.Count);
        Assert.Equal(2, searched.Count);
        Assert.All(searched, r => Assert.Equal("Relecloud", r.Name));
    }
}

public sealed class SqliteCouplingActionsTests(SqliteDatabaseFixture database) : CouplingActionsTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresCouplingActionsTests(PostgresDatabaseFixture database) : CouplingActionsTests(database), IClassFixture<PostgresDatabaseFixture>;
