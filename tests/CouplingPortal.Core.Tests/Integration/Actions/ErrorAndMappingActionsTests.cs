using System.Text.Json;
using System.Text.Json.Serialization;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Actions;

/// <summary>The actions of Coupled Data Synchronization Errors and Integration Table Mappings, on the demo rows.</summary>
public abstract class ErrorAndMappingActionsTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<Guid> AccountAsync(IntegrationHarness h, string name)
    {
        var rows = await h.Client.QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("accountid").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        return Assert.Single(rows).GetId(DataverseTable.Accounts);
    }

    private static async Task<Coupling> CoupleAsync(IntegrationHarness h, string customerNo, string accountName)
    {
        await using var db = h.Db();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.No == customerNo, Ct);
        var outcome = await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, await AccountAsync(h, accountName),
            false, SynchronizeAfterCoupling.No, "alice", Ct);
        Assert.True(outcome.Succeeded, outcome.Message);
        return await db.Couplings.AsNoTracking().SingleAsync(c => c.LocalSystemId == customer.SystemId, Ct);
    }

    private static async Task<List<T>> PayloadsAsync<T>(IntegrationHarness h, IntegrationJobKind kind)
    {
        await using var db = h.Db();
        return [.. (await db.IntegrationJobRequests.AsNoTracking().Where(e => e.Kind == kind && !e.Recurring).ToListAsync(Ct))
            .OrderBy(e => e.QueuedAt).Select(e => JsonSerializer.Deserialize<T>(e.PayloadJson, Json)!)];
    }

    [Fact]
    public async Task Retry_ClearsSkipped_AndSchedulesOneForcedRunPerMapping_InTheMappingsDirection()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var adatum = await CoupleAsync(h, "10000", "Adatum Corporation");
        var trey = await CoupleAsync(h, "20000", "Trey Research");
        await using (var db = h.Db())
        {
            await db.Couplings.ExecuteUpdateAsync(s => s.SetProperty(c => c.Skipped, true), Ct);
        }

        var outcome = await h.Get<SynchronizationErrorActions>().RetryAsync([adatum.Id, trey.Id], "alice", Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var check = h.Db();
        Assert.False(await check.Couplings.AnyAsync(c => c.Skipped, Ct));
        var request = Assert.Single(await PayloadsAsync<SyncRequest>(h, IntegrationJobKind.Synchronization));
        Assert.Equal(SyncDirection.Bidirectional, request.Direction);
        Assert.True(request.Force);
        Assert.Equal(2, request.LocalSystemIds.Count);
    }

    [Fact]
    public async Task FindForDeleted_ListsCouplingsWithOneSideGone_AndDeletesCouplingsWithBothSidesGone()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var rowGone = await CoupleAsync(h, "10000", "Contoso Pharmaceuticals");
        var localGone = await CoupleAsync(h, "20000", "Northwind Traders");
        var bothGone = await CoupleAsync(h, "30000", "Litware, Inc.");
        var intact = await CoupleAsync(h, "40000", "Trey Research");
        await h.Client.DeleteAsync(DataverseTable.Accounts, rowGone.DataverseId, ct: Ct);
        await h.Client.DeleteAsync(DataverseTable.Accounts, bothGone.DataverseId, ct: Ct);
        await using (var db = h.Db())
        {
            await db.Customers.Where(c => c.SystemId == localGone.LocalSystemId || c.SystemId == bothGone.LocalSystemId).ExecuteDeleteAsync(Ct);
        }

        var outcome = await h.Get<SynchronizationErrorActions>().FindForDeletedAsync(Ct);

        Assert.Equal("2 couplings point at records that were deleted; they are now listed here as skipped.", outcome.Message);
        await using var check = h.Db();
        var left = await check.Couplings.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Skipped, Ct);
        Assert.True(left[rowGone.Id]);
        Assert.True(left[localGone.Id]);
        Assert.False(left[intact.Id]);
        Assert.False(left.ContainsKey(bothGone.Id));
    }

    [Fact]
    public async Task RestoreRecords_RemovesTheStaleCoupling_AndSchedulesTheMissingSideToBeCreatedAgain()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var rowGone = await CoupleAsync(h, "10000", "Contoso Pharmaceuticals");
        var intact = await CoupleAsync(h, "40000", "Trey Research");
        await h.Client.DeleteAsync(DataverseTable.Accounts, rowGone.DataverseId, ct: Ct);

        var nothing = await h.Get<SynchronizationErrorActions>().RestoreRecordsAsync([intact.Id], "alice", Ct);
        var outcome = await h.Get<SynchronizationErrorActions>().RestoreRecordsAsync([rowGone.Id, intact.Id], "alice", Ct);

        Assert.False(nothing.Succeeded);
        Assert.True(outcome.Succeeded, outcome.Message);
        var request = Assert.Single(await PayloadsAsync<SyncRequest>(h, IntegrationJobKind.Synchronization));
        Assert.Equal(SyncDirection.ToIntegrationTable, request.Direction);
        Assert.Equal([rowGone.LocalSystemId], request.LocalSystemIds);
        Assert.False(request.SynchOnlyCoupledRecords);
        await using var check = h.Db();
        Assert.Equal([intact.Id], await check.Couplings.Select(c => c.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task DeleteRecords_DeletesTheSurvivingDataverseRow_AndTheCoupling()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var localGone = await CoupleAsync(h, "20000", "Northwind Traders");
        await using (var db = h.Db())
        {
            await db.Customers.Where(c => c.SystemId == localGone.LocalSystemId).ExecuteDeleteAsync(Ct);
        }

        var outcome = await h.Get<SynchronizationErrorActions>().DeleteRecordsAsync([localGone.Id], Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Null(await h.Client.RetrieveAsync(DataverseTable.Accounts, localGone.DataverseId, ct: Ct));
        await using var check = h.Db();
        Assert.False(await check.Couplings.AnyAsync(Ct));
    }

    [Fact]
    public async Task TheFullSynchronizationReview_RecommendsPerMappingLikeBusinessCentral_InDependencyOrder()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);

        var lines = await h.Get<MappingActions>().GetFullSynchronizationReviewAsync(Ct);

        var byName = lines.ToDictionary(l => l.MappingName);
        Assert.Equal(FullSyncRecommendation.FullSynchronization, byName[DefaultMappings.Salespeople].Recommendation);
        Assert.Equal(FullSyncRecommendation.CoupleRecords, byName[DefaultMappings.Customer].Recommendation);
        Assert.Equal(FullSyncRecommendation.CoupleRecords, byName[DefaultMappings.PaymentTerms].Recommendation);
        Assert.Equal("Couple Records", byName[DefaultMappings.Customer].RecommendationCaption);
        var names = lines.Select(l => l.MappingName).ToList();
        Assert.True(names.IndexOf(DefaultMappings.Currency) < names.IndexOf(DefaultMappings.Customer));
        Assert.True(names.IndexOf(DefaultMappings.Customer) < names.IndexOf(DefaultMappings.Contact));
    }

    [Fact]
    public async Task StartingTheReview_EnqueuesMatchBasedCouplingOrFullSynchronizationPerLine_InDependencyOrder()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var mappings = h.Get<MappingActions>();
        var lines = await mappings.GetFullSynchronizationReviewAsync(Ct);

        var outcome = await mappings.StartFullSynchronizationAsync(lines, "alice", Ct);

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var db = h.Db();
        var entries = await db.IntegrationJobRequests.AsNoTracking().Where(e => !e.Recurring).ToListAsync(Ct);
        Assert.Equal(outcome.JobRequestIds.Count, entries.Count);
        var customer = Assert.Single(entries, e => e.MappingName == DefaultMappings.Customer);
        Assert.Equal(IntegrationJobKind.MatchBasedCoupling, customer.Kind);
        var salespeople = Assert.Single(entries, e => e.MappingName == DefaultMappings.Salespeople);
        var request = JsonSerializer.Deserialize<SyncRequest>(salespeople.PayloadJson, Json)!;
        Assert.True(request.FullSynchronization);
        Assert.False(request.SynchOnlyCoupledRecords);
        var order = outcome.JobRequestIds.Select(id => entries.Single(e => e.Id == id).MappingName).ToList();
        Assert.True(order.IndexOf(DefaultMappings.Customer) < order.IndexOf(DefaultMappings.Contact));
    }

    [Fact]
    public async Task MatchBasedCoupling_SavesTheCriteriaOnTheMapping_AndRefusesWhenEverySelectedRecordIsCoupled()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var adatum = await CoupleAsync(h, "10000", "Adatum Corporation");
        var actions = h.Get<CouplingActions>();
        MatchCriterion[] criteria = [new("Name", "name", CaseSensitive: true, Priority: 1), new("City", "address1_city", false, 2)];

        var refused = await actions.ScheduleMatchBasedCouplingAsync(new MatchRequest
        {
            MappingName = DefaultMappings.Customer, LocalSystemIds = [adatum.LocalSystemId], Criteria = criteria, RequestedBy = "alice",
        }, Ct);
        var noCriteria = await actions.ScheduleMatchBasedCouplingAsync(new MatchRequest { MappingName = DefaultMappings.Customer, Criteria = [], RequestedBy = "alice" }, Ct);
        var accepted = await actions.ScheduleMatchBasedCouplingAsync(new MatchRequest { MappingName = DefaultMappings.Customer, Criteria = criteria, RequestedBy = "alice" }, Ct);

        Assert.False(refused.Succeeded);
        Assert.StartsWith("All selected records are already coupled.", refused.Message);
        Assert.False(noCriteria.Succeeded);
        Assert.Equal("Match-based coupling has been scheduled.", accepted.Message);
        await using var db = h.Db();
        var fields = await db.IntegrationFieldMappings.AsNoTracking().Where(f => f.MappingName == DefaultMappings.Customer && f.UseForMatchBasedCoupling).ToListAsync(Ct);
        Assert.Equal(["City", "Name"], fields.Select(f => f.LocalField).Order());
        Assert.True(fields.Single(f => f.LocalField == "Name").CaseSensitiveMatching);
        Assert.Equal(2, fields.Single(f => f.LocalField == "City").MatchPriority);
        Assert.Single(await PayloadsAsync<MatchRequest>(h, IntegrationJobKind.MatchBasedCoupling));
    }
}

public sealed class SqliteErrorAndMappingActionsTests(SqliteDatabaseFixture database) : ErrorAndMappingActionsTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresErrorAndMappingActionsTests(PostgresDatabaseFixture database) : ErrorAndMappingActionsTests(database), IClassFixture<PostgresDatabaseFixture>;
