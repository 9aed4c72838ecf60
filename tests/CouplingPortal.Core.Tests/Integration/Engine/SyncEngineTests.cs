using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Integration.Engine;

/// <summary>The synchronization engine, rule by rule, against the emulator over HTTP, on each provider.</summary>
public abstract class SyncEngineTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IDictionary<string, string?> NoRetries = new Dictionary<string, string?>
    {
        ["Dataverse:MaxRetryAttempts"] = "0",
        ["Dataverse:RetryBaseDelay"] = "00:00:00",
    };

    private Task<IntegrationHarness> StartAsync(bool demo = false, TimeProvider? clock = null, IDictionary<string, string?>? settings = null) =>
        IntegrationHarness.StartAsync(database, o => o.SeedDemoData = demo, clock, settings: settings);

    [Fact]
    public async Task AnUncoupledCustomer_IsCreatedInDataverse_WithThisCompany_AndCoupled_WhenNotOnlyCoupled()
    {
        await using var h = await StartAsync();
        var customer = await AddCustomerAsync(h, "Sync Test Inc.");
        var engine = h.Get<SynchronizationEngine>();

        var result = await engine.RunAsync(Send(customer) with { SynchOnlyCoupledRecords = false }, ct: Ct);

        var job = Assert.Single(result.Jobs);
        Assert.Equal((1, 0, IntegrationJobStatus.Finished), (job.Inserted, job.Failed, job.Status));
        var coupling = await CouplingAsync(h, customer.SystemId);
        Assert.False(coupling.DataverseCreatePending);
        Assert.Equal(SyncResult.Success, coupling.LastResultToDataverse);
        var row = await AccountAsync(h, coupling.DataverseId);
        Assert.Equal("Sync Test Inc.", row.GetString("name"));
        Assert.Equal(3, row.GetInt32("customertypecode"));
        Assert.Equal(IntegrationHarness.CompanyId, row.GetLookupId("bcbi_companyid"));
        Assert.Equal(row.GetDateTime("modifiedon"), coupling.LastSyncedDataverseModifiedOn);
        await using var db = h.Db();
        var change = await db.SyncRecordChanges.SingleAsync(c => c.JobId == job.Id, Ct);
        Assert.Equal(SyncAction.Insert, change.Action);
        Assert.Contains(change.Changes, c => c.Field == "name" && c.NewValue == "Sync Test Inc.");
    }

    [Fact]
    public async Task AnUncoupledCustomer_IsNotProcessed_WhenTheMappingSynchronizesOnlyCoupledRecords()
    {
        await using var h = await StartAsync();
        await AddCustomerAsync(h, "Left Alone Ltd.");

        var result = await h.Get<SynchronizationEngine>().RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        Assert.All(result.Jobs, j => Assert.Equal(0, j.Inserted + j.Modified + j.Unchanged + j.Skipped + j.Failed));
        Assert.Equal(0, h.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task OnlyChangedFieldsAreWritten_AndAnUnchangedRecordSendsNothing()
    {
        await using var h = await StartAsync();
        var (customer, accountId) = await CoupledCustomerAsync(h, "Fields Corp");
        await UpdateCustomerAsync(h, customer.SystemId, c => c.PhoneNo = "+31 20 555 0100");
        var engine = h.Get<SynchronizationEngine>();

        var result = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);

        Assert.Equal(1, result.Jobs[0].Modified);
        await using (var db = h.Db())
        {
            var change = await db.SyncRecordChanges.SingleAsync(c => c.JobId == result.Jobs[0].Id, Ct);
            Assert.Equal(["telephone1"], change.Changes.Select(c => c.Field));
        }
        Assert.Equal("+31 20 555 0100", (await AccountAsync(h, accountId)).GetString("telephone1"));

        var writesBefore = Writes(h);
        var again = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable, Force = true, LocalSystemIds = [customer.SystemId] }, ct: Ct);
        Assert.Equal(1, again.Jobs[0].Unchanged);
        Assert.Equal(writesBefore, Writes(h));
    }

    [Fact]
    public async Task AnUpdateConflict_FailsWithBcsText_WhenTheMappingDoesNotResolveIt()
    {
        await using var h = await StartAsync(demo: true);
        var (customer, accountId) = await ConflictAsync(h, UpdateConflictResolution.None);

        var result = await h.Get<SynchronizationEngine>().RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        Assert.Equal([1, 1], result.Jobs.Select(j => j.Failed));
        await using var db = h.Db();
        var error = await db.IntegrationSynchJobErrors.FirstAsync(e => e.JobId == result.Jobs[0].Id, Ct);
        Assert.Contains("bi-directional", error.Message);
        Assert.Contains("Name", error.Message);
        Assert.Equal("Local Name", (await db.Customers.SingleAsync(c => c.SystemId == customer.SystemId, Ct)).Name);
        Assert.Equal("Dataverse Name", (await AccountAsync(h, accountId)).GetString("name"));
    }

    [Fact]
    public async Task AnUpdateConflict_ResolvedBySending_WritesTheLocalValues()
    {
        await using var h = await StartAsync(demo: true);
        var (customer, accountId) = await ConflictAsync(h, UpdateConflictResolution.SendDataUpdateToDataverse);

        var result = await h.Get<SynchronizationEngine>().RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        Assert.Equal(1, result.Jobs[0].Modified);
        Assert.Equal(0, result.Jobs[1].Modified);
        Assert.Equal("Local Name", (await AccountAsync(h, accountId)).GetString("name"));
        await using var db = h.Db();
        Assert.Equal("Local Name", (await db.Customers.SingleAsync(c => c.SystemId == customer.SystemId, Ct)).Name);
    }

    [Fact]
    public async Task AnUpdateConflict_ResolvedByGetting_TakesTheDataverseValues_AndStillSendsTheLocalOnlyChangesNextRun()
    {
        await using var h = await StartAsync(demo: true);
        var (customer, accountId) = await ConflictAsync(h, UpdateConflictResolution.GetDataUpdateFromDataverse, c => c.CreditLimitLcy = 777m);
        var engine = h.Get<SynchronizationEngine>();

        var result = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        Assert.Equal((1, 1), (result.Jobs[0].Skipped, result.Jobs[1].Modified));
        await using (var db = h.Db())
            Assert.Equal("Dataverse Name", (await db.Customers.SingleAsync(c => c.SystemId == customer.SystemId, Ct)).Name);
        Assert.NotEqual(777m, (await AccountAsync(h, accountId)).GetDecimal("creditlimit"));

        var next = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        Assert.Equal(1, next.Jobs[0].Modified);
        var row = await AccountAsync(h, accountId);
        Assert.Equal((777m, "Dataverse Name"), (row.GetDecimal("creditlimit"), row.GetString("name")));
    }

    [Fact]
    public async Task ADeletedDataverseRow_FailsTheRecord_WhenDeletionConflictsAreNotResolved()
    {
        await using var h = await StartAsync();
        var (customer, accountId) = await DeletedCounterpartAsync(h, DeletionConflictResolution.None);

        var result = await h.Get<SynchronizationEngine>().RunAsync(Send(customer), ct: Ct);

        Assert.Equal(1, result.Jobs[0].Failed);
        await using var db = h.Db();
        Assert.Contains("coupled to a deleted record", (await db.IntegrationSynchJobErrors.SingleAsync(e => e.JobId == result.Jobs[0].Id, Ct)).Message);
        Assert.Equal(accountId, (await CouplingAsync(h, customer.SystemId)).DataverseId);
    }

    [Fact]
    public async Task ADeletedDataverseRow_RemovesTheCoupling_WhenTheResolutionIsDeleteCoupling()
    {
        await using var h = await StartAsync();
        var (customer, _) = await DeletedCounterpartAsync(h, DeletionConflictResolution.RemoveCoupling);

        var result = await h.Get<SynchronizationEngine>().RunAsync(Send(customer), ct: Ct);

        Assert.Equal(1, result.Jobs[0].Uncoupled);
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.LocalSystemId == customer.SystemId, Ct));
        Assert.Equal(0, h.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task ADeletedDataverseRow_IsCreatedAgainAndRecoupled_WhenTheResolutionIsRestoreRecords()
    {
        await using var h = await StartAsync();
        var (customer, oldId) = await DeletedCounterpartAsync(h, DeletionConflictResolution.RestoreRecords);

        var result = await h.Get<SynchronizationEngine>().RunAsync(Send(customer), ct: Ct);

        Assert.Equal(1, result.Jobs[0].Inserted);
        var coupling = await CouplingAsync(h, customer.SystemId);
        Assert.NotEqual(oldId, coupling.DataverseId);
        Assert.Equal(customer.Name, (await AccountAsync(h, coupling.DataverseId)).GetString("name"));
    }

    [Fact]
    public async Task ADeletedLocalRecord_IsRestoredFromDataverse_WhenTheResolutionIsRestoreRecords()
    {
        await using var h = await StartAsync();
        var (customer, accountId) = await CoupledCustomerAsync(h, "Restore Me BV");
        await SetMappingAsync(h, m => m.DeletionConflictResolution = DeletionConflictResolution.RestoreRecords);
        await h.Get<CustomerService>().DeleteAsync(customer.SystemId, Ct);

        var result = await h.Get<SynchronizationEngine>().RunAsync(
            new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.FromIntegrationTable, DataverseIds = [accountId] }, ct: Ct);

        Assert.Equal(1, result.Jobs[0].Inserted);
        var coupling = await CouplingAsync(h, accountId: accountId);
        await using var db = h.Db();
        Assert.Equal("Restore Me BV", (await db.Customers.SingleAsync(c => c.SystemId == coupling.LocalSystemId, Ct)).Name);
    }

    [Fact]
    public async Task ARecordIsSkipped_AfterTheSameErrorTwice_ButNotAfterTwoThrottlingAnswers()
    {
        await using var h = await StartAsync(settings: NoRetries);
        var engine = h.Get<SynchronizationEngine>();
        var (failing, _) = await CoupledCustomerAsync(h, "Always Failing");
        var (throttled, throttledAccount) = await CoupledCustomerAsync(h, "Throttled", no: "T-2");

        await UpdateCustomerAsync(h, failing.SystemId, c => c.City = "Utrecht");
        for (var run = 0; run < 2; run++)
        {
            h.Emulator.Faults.FailNext(1, 400);
            await engine.RunAsync(Send(failing), ct: Ct);
        }
        Assert.True((await CouplingAsync(h, failing.SystemId)).Skipped);

        await UpdateCustomerAsync(h, throttled.SystemId, c => c.City = "Leiden");
        for (var run = 0; run < 2; run++)
        {
            h.Emulator.Faults.FailNext(1, 429);
            var result = await engine.RunAsync(Send(throttled), ct: Ct);
            Assert.Equal(1, result.Jobs[0].Failed);
        }
        var coupling = await CouplingAsync(h, throttled.SystemId);
        Assert.False(coupling.Skipped);
        Assert.Equal(SyncResult.Failure, coupling.LastResultToDataverse);
        await using (var db = h.Db())
            Assert.True(await db.IntegrationSynchJobErrors.Where(e => e.SourceRecordId == throttled.SystemId).AllAsync(e => e.IsTransient, Ct));

        // The failed record is retried first by the next scheduled run, even though the watermark has passed it.
        var retried = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);
        Assert.Equal(1, retried.Jobs[0].Modified);
        Assert.Equal(1, retried.Jobs[0].Skipped);
        Assert.Equal("Leiden", (await AccountAsync(h, throttledAccount)).GetString("address1_city"));
    }

    [Fact]
    public async Task AnInsertThatFailedTransiently_IsRetriedByTheNextRun_WithTheSameId()
    {
        await using var h = await StartAsync(settings: NoRetries);
        var engine = h.Get<SynchronizationEngine>();
        await SetMappingAsync(h, m => m.SynchOnlyCoupledRecords = false);
        var customer = await AddCustomerAsync(h, "Retry Insert NV");
        await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);
        Assert.Equal(SyncResult.Success, (await CouplingAsync(h, customer.SystemId)).LastResultToDataverse);
        var later = await AddCustomerAsync(h, "Later Insert NV", no: "L-1");

        h.Emulator.Faults.FailNext(1, 503);
        var failed = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);
        Assert.Equal(1, failed.Jobs[0].Failed);
        var pending = await CouplingAsync(h, later.SystemId);
        Assert.True(pending.DataverseCreatePending);

        var retried = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);

        Assert.Equal(1, retried.Jobs[0].Inserted);
        var coupling = await CouplingAsync(h, later.SystemId);
        Assert.Equal((pending.DataverseId, false), (coupling.DataverseId, coupling.DataverseCreatePending));
        Assert.Equal("Later Insert NV", (await AccountAsync(h, coupling.DataverseId)).GetString("name"));
    }

    [Fact]
    public async Task RowsLastModifiedByTheIntegrationUser_AreNotPulledBack_ButOtherUsersChangesAre()
    {
        await using var h = await StartAsync(demo: true);
        var (byUser, userAccount) = await CoupledCustomerAsync(h, "Changed By A Salesperson");
        var (byIntegration, integrationAccount) = await CoupledCustomerAsync(h, "Changed By The Integration", no: "E-2");
        await EditAsAsync(h, DemoSeed.JimOliveUserId, userAccount, new JsonObject { ["telephone1"] = "+1 555 0199" });
        await h.Client.UpdateAsync(DataverseTable.Accounts, integrationAccount, new JsonObject { ["telephone1"] = "+1 555 0111" }, ct: Ct);

        var result = await h.Get<SynchronizationEngine>().RunAsync(
            new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.FromIntegrationTable }, ct: Ct);

        Assert.Equal((1, 0), (result.Jobs[0].Modified, result.Jobs[0].Unchanged));
        await using var db = h.Db();
        Assert.Equal("+1 555 0199", (await db.Customers.SingleAsync(c => c.SystemId == byUser.SystemId, Ct)).PhoneNo);
        Assert.NotEqual("+1 555 0111", (await db.Customers.SingleAsync(c => c.SystemId == byIntegration.SystemId, Ct)).PhoneNo);
    }

    [Fact]
    public async Task TheWatermarks_AdvanceToTheLatestStampProcessed_CappedAtTheJobStart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var h = await StartAsync(demo: true, clock: clock);
        var engine = h.Get<SynchronizationEngine>();
        var (first, firstAccount) = await CoupledCustomerAsync(h, "Watermark One");
        var (second, _) = await CoupledCustomerAsync(h, "Watermark Two", no: "W-2");
        var firstStamp = await UpdateCustomerAsync(h, first.SystemId, c => c.City = "Delft");
        await EditAsAsync(h, DemoSeed.JimOliveUserId, firstAccount, new JsonObject { ["fax"] = "+31 15 555 0000" });
        clock.Advance(TimeSpan.FromMinutes(5));
        var jobStart = clock.GetUtcNow().UtcDateTime;

        await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);

        var mapping = await MappingAsync(h);
        Assert.Equal(firstStamp, mapping.LocalModifiedWatermark);
        Assert.True(mapping.DataverseModifiedOnWatermark is { } dv && dv <= jobStart && dv >= jobStart.AddMinutes(-5).AddSeconds(-1));

        // A change stamped after the job started: processed, but the watermark stops at the job's start.
        await UpdateCustomerAsync(h, second.SystemId, c => c.City = "Gouda");
        await UpdateCustomerAsync(h, second.SystemId, c => c.City = "Gouda Zuid");
        var capped = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);
        Assert.Equal(1, capped.Jobs[0].Modified);
        Assert.Equal(jobStart, (await MappingAsync(h)).LocalModifiedWatermark);

        var again = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);
        Assert.Equal((0, 1), (again.Jobs[0].Modified, again.Jobs[0].Unchanged));
    }

    [Fact]
    public async Task AnUnclaimedDataverseRow_IsImported_WithANewNumber_AndClaimedForThisCompany()
    {
        await using var h = await StartAsync();
        var id = await h.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Imported Account", ["customertypecode"] = 3, ["telephone1"] = "+44 20 555 0101" }, ct: Ct);
        var claimedElsewhere = await h.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Other Company Account", ["customertypecode"] = 3 }
            .Bind("bcbi_companyid", DataverseTable.Companies, await OtherCompanyAsync(h)), ct: Ct);

        var result = await h.Get<SynchronizationEngine>().RunAsync(new SyncRequest
        {
            MappingName = DefaultMappings.Customer, Direction = SyncDirection.FromIntegrationTable, SynchOnlyCoupledRecords = false, DataverseIds = [id, claimedElsewhere],
        }, ct: Ct);

        Assert.Equal(1, result.Jobs[0].Inserted);
        var coupling = await CouplingAsync(h, accountId: id);
        await using var db = h.Db();
        var customer = await db.Customers.SingleAsync(c => c.SystemId == coupling.LocalSystemId, Ct);
        Assert.Equal(("Imported Account", "+44 20 555 0101"), (customer.Name, customer.PhoneNo));
        Assert.False(await db.Customers.AnyAsync(c => c.No == customer.No && c.SystemId != customer.SystemId, Ct));
        Assert.Equal(IntegrationHarness.CompanyId, (await AccountAsync(h, id)).GetLookupId("bcbi_companyid"));
        Assert.False(await db.Couplings.AnyAsync(c => c.DataverseId == claimedElsewhere, Ct));
    }

    [Fact]
    public async Task LookupFields_AreTranslatedThroughTheCouplingsOfTheirMapping_InBothDirections()
    {
        await using var h = await StartAsync();
        var usd = await CoupleCurrencyAsync(h, "USD", "US Dollar");
        var gbp = await CoupleCurrencyAsync(h, "GBP", "Pound");
        var customer = await AddCustomerAsync(h, "Dollar Customer", currency: "USD");
        var engine = h.Get<SynchronizationEngine>();

        await engine.RunAsync(Send(customer) with { SynchOnlyCoupledRecords = false }, ct: Ct);
        var coupling = await CouplingAsync(h, customer.SystemId);
        Assert.Equal(usd, (await AccountAsync(h, coupling.DataverseId)).GetLookupId("transactioncurrencyid"));

        await EditAsAsync(h, null, coupling.DataverseId, new JsonObject { ["transactioncurrencyid@odata.bind"] = $"/transactioncurrencies({gbp})" });
        await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.FromIntegrationTable, DataverseIds = [coupling.DataverseId] }, ct: Ct);
        await using var db = h.Db();
        Assert.Equal("GBP", (await db.Customers.SingleAsync(c => c.SystemId == customer.SystemId, Ct)).CurrencyCode);

        var unknown = await AddCustomerAsync(h, "Euro Customer", no: "Y-1", currency: "EUR");
        var failed = await engine.RunAsync(Send(unknown) with { SynchOnlyCoupledRecords = false }, ct: Ct);
        Assert.Equal(1, failed.Jobs[0].Failed);
        Assert.Contains("EUR", (await db.IntegrationSynchJobErrors.SingleAsync(e => e.JobId == failed.Jobs[0].Id, Ct)).Message);
    }

    [Fact]
    public async Task ADryRun_ReportsThePlan_AndWritesNothingButItsJob()
    {
        await using var h = await StartAsync();
        var customer = await AddCustomerAsync(h, "Dry Run Co");
        var (coupled, accountId) = await CoupledCustomerAsync(h, "Coupled Dry", no: "D-2");
        await UpdateCustomerAsync(h, coupled.SystemId, c => c.City = "Haarlem");
        var writes = Writes(h);

        var result = await h.Get<SynchronizationEngine>().RunAsync(new SyncRequest
        {
            MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable, DryRun = true,
            SynchOnlyCoupledRecords = false, LocalSystemIds = [customer.SystemId, coupled.SystemId],
        }, ct: Ct);

        Assert.True(result.Jobs[0].IsDryRun);
        Assert.Contains(result.Lines, l => l.LocalSystemId == customer.SystemId && l.Action == SyncAction.Insert && l.Changes.Any(c => c.Field == "name"));
        Assert.Contains(result.Lines, l => l.LocalSystemId == coupled.SystemId && l.Action == SyncAction.Modify && l.Changes.Single().Field == "address1_city");
        Assert.Equal(writes, Writes(h));
        Assert.NotEqual("Haarlem", (await AccountAsync(h, accountId)).GetString("address1_city"));
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.LocalSystemId == customer.SystemId, Ct));
        Assert.False(await db.SyncRecordChanges.AnyAsync(c => c.JobId == result.Jobs[0].Id, Ct));
        Assert.Null((await MappingAsync(h)).LocalModifiedWatermark);
    }

    [Fact]
    public async Task ARunAbortedAfterTheCreateRequest_LeavesNoDuplicate_WhenItIsRunAgain()
    {
        await using var h = await StartAsync();
        var customer = await AddCustomerAsync(h, "Crash Test AG");
        var engine = h.Get<SynchronizationEngine>();
        engine.StageHook = (stage, _) => throw new InvalidOperationException("Simulated crash " + stage);
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => engine.RunAsync(Send(customer) with { SynchOnlyCoupledRecords = false }, ct: Ct));
        }
        finally
        {
            engine.StageHook = null;
        }
        Assert.Equal(1, h.Emulator.Store.Count("accounts"));
        Assert.True((await CouplingAsync(h, customer.SystemId)).DataverseCreatePending);

        var rerun = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable }, ct: Ct);

        Assert.Equal(0, rerun.Jobs[0].Failed);
        Assert.Equal(1, h.Emulator.Store.Count("accounts"));
        var coupling = await CouplingAsync(h, customer.SystemId);
        Assert.False(coupling.DataverseCreatePending);
        Assert.Equal("Crash Test AG", (await AccountAsync(h, coupling.DataverseId)).GetString("name"));
    }

    [Fact]
    public async Task ABidirectionalFullSynchronizationOfTheDemoData_IsStable_WhenRunAgain()
    {
        await using var h = await StartAsync(demo: true);
        var engine = h.Get<SynchronizationEngine>();
        // The currencies are coupled first (CURRENCY is a dependency of CUSTOMER), as match-based coupling on ISO code would.
        await using (var db = h.Db())
        {
            var local = await db.Currencies.ToDictionaryAsync(c => c.Code, c => c.SystemId, Ct);
            await foreach (var row in h.Client.QueryAsync(DataverseQuery.From(DataverseTable.TransactionCurrencies).Select("isocurrencycode"), ct: Ct))
            {
                if (local.TryGetValue(row.GetString("isocurrencycode")!, out var systemId))
                    db.Couplings.Add(new Coupling
                    {
                        Id = Guid.NewGuid(), MappingName = DefaultMappings.Currency, LocalTable = LocalTable.Currency, LocalSystemId = systemId,
                        DataverseTable = "transactioncurrency", DataverseId = row.GetId(DataverseTable.TransactionCurrencies), CoupledAt = DateTime.UtcNow,
                    });
            }
            await db.SaveChangesAsync(Ct);
        }

        int localCustomers;
        await using (var db = h.Db())
            localCustomers = await db.Customers.CountAsync(c => c.Blocked == CustomerBlocked.None, Ct);

        var first = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, FullSynchronization = true }, ct: Ct);

        Assert.Equal(localCustomers, first.Jobs[0].Inserted + first.Jobs[0].Failed);
        Assert.True(first.Jobs[1].Inserted > 0, "this company's and unclaimed Dataverse customers are created locally");
        await using (var db = h.Db())
        {
            var errors = await db.IntegrationSynchJobErrors.Where(e => e.JobId == first.Jobs[0].Id).ToListAsync(Ct);
            Assert.Equal(first.Jobs[0].Failed, errors.Count);
            Assert.All(errors, e => Assert.Contains("not coupled", e.Message));
        }

        var second = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer }, ct: Ct);
        Assert.All(second.Jobs, j => Assert.Equal((0, 0), (j.Inserted, j.Modified)));
    }

    [Fact]
    public async Task Inspect_SaysWhichSideChanged_AndRecommendsGet_WhenOnlyDataverseChanged()
    {
        await using var h = await StartAsync(demo: true);
        var (customer, accountId) = await CoupledCustomerAsync(h, "Inspect Me");
        await EditAsAsync(h, DemoSeed.JimOliveUserId, accountId, new JsonObject { ["name"] = "Inspected In Sales" });

        var inspection = await h.Get<SynchronizationEngine>().InspectAsync(DefaultMappings.Customer, customer.SystemId, Ct);

        Assert.True(inspection is { Coupled: true, DataverseRowExists: true, LocalChanged: false, DataverseChanged: true, BidirectionalConflict: false });
        Assert.Equal(SyncDirection.FromIntegrationTable, inspection.RecommendedDirection);
        var difference = Assert.Single(inspection.Differences);
        Assert.Equal(("Name", "Inspect Me", "Inspected In Sales"), (difference.LocalField, difference.LocalValue, difference.DataverseValue));
    }

    // ----- helpers -----

    private static SyncRequest Send(Customer customer) =>
        new() { MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable, LocalSystemIds = [customer.SystemId] };

    private static int Writes(IntegrationHarness h) =>
        h.Emulator.Requests.Count(r => r.Method is "PATCH" or "POST" or "DELETE" && !r.Target.Contains("$batch", StringComparison.Ordinal))
        + h.Emulator.Requests.Count(r => r.Target.Contains("$batch", StringComparison.Ordinal));

    private static async Task<Customer> AddCustomerAsync(IntegrationHarness h, string name, string no = "S-1", string currency = "")
    {
        var customer = new Customer { No = no, Name = name, City = "Amsterdam", CurrencyCode = currency };
        var saved = await h.Get<CustomerService>().SaveAsync(customer, Ct);
        Assert.True(saved.Succeeded, string.Join(" ", saved.FieldErrors.SelectMany(e => e.Value)));
        return customer;
    }

    private static async Task<DateTime> UpdateCustomerAsync(IntegrationHarness h, Guid systemId, Action<Customer> change)
    {
        await using var db = h.Db();
        var customer = await db.Customers.SingleAsync(c => c.SystemId == systemId, Ct);
        change(customer);
        await db.SaveChangesAsync(Ct);
        return customer.SystemModifiedAt;
    }

    /// <summary>A customer created in Dataverse by a first synchronization, so both sides are coupled and in step.</summary>
    private static async Task<(Customer Customer, Guid AccountId)> CoupledCustomerAsync(IntegrationHarness h, string name, string no = "C-1")
    {
        var customer = await AddCustomerAsync(h, name, no);
        var result = await h.Get<SynchronizationEngine>().RunAsync(Send(customer) with { SynchOnlyCoupledRecords = false }, ct: Ct);
        Assert.Equal(1, result.Jobs[0].Inserted);
        return (customer, (await CouplingAsync(h, customer.SystemId)).DataverseId);
    }

    private static async Task<(Customer, Guid)> ConflictAsync(IntegrationHarness h, UpdateConflictResolution resolution, Action<Customer>? more = null)
    {
        var (customer, accountId) = await CoupledCustomerAsync(h, "Before Conflict");
        await SetMappingAsync(h, m => m.UpdateConflictResolution = resolution);
        await UpdateCustomerAsync(h, customer.SystemId, c =>
        {
            c.Name = "Local Name";
            more?.Invoke(c);
        });
        await EditAsAsync(h, DemoSeed.JimOliveUserId, accountId, new JsonObject { ["name"] = "Dataverse Name" });
        return (customer, accountId);
    }

    private static async Task<(Customer, Guid)> DeletedCounterpartAsync(IntegrationHarness h, DeletionConflictResolution resolution)
    {
        var (customer, accountId) = await CoupledCustomerAsync(h, "Deleted In Sales");
        await SetMappingAsync(h, m => m.DeletionConflictResolution = resolution);
        await h.Client.DeleteAsync(DataverseTable.Accounts, accountId, ct: Ct);
        await UpdateCustomerAsync(h, customer.SystemId, c => c.City = "Rotterdam");
        return (customer, accountId);
    }

    private static async Task<Guid> CoupleCurrencyAsync(IntegrationHarness h, string code, string name)
    {
        var id = await h.Client.CreateAsync(DataverseTable.TransactionCurrencies, new JsonObject
        {
            ["isocurrencycode"] = code, ["currencyname"] = name, ["currencysymbol"] = code[..1], ["exchangerate"] = 1.0m,
        }, ct: Ct);
        await using var db = h.Db();
        var currency = await db.Currencies.SingleOrDefaultAsync(c => c.Code == code, Ct);
        if (currency is null)
        {
            currency = new CouplingPortal.Core.MasterData.Setup.Currency { Code = code, Description = name };
            db.Currencies.Add(currency);
            await db.SaveChangesAsync(Ct);
        }
        db.Couplings.Add(new Coupling
        {
            Id = Guid.NewGuid(), MappingName = DefaultMappings.Currency, LocalTable = LocalTable.Currency, LocalSystemId = currency.SystemId,
            DataverseTable = "transactioncurrency", DataverseId = id, CoupledAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        return id;
    }

    private static async Task<Guid> OtherCompanyAsync(IntegrationHarness h) =>
        await h.Client.CreateAsync(DataverseTable.Companies, new JsonObject { ["bcbi_name"] = "OTHER" }, ct: Ct);

    /// <summary>PATCH as another Dataverse user (MSCRMCallerID), the way a salesperson's edit in Sales looks; null = the integration user.</summary>
    private static async Task EditAsAsync(IntegrationHarness h, Guid? userId, Guid accountId, JsonObject changes)
    {
        using var http = new HttpClient { BaseAddress = h.Emulator.WebApiUrl };
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"accounts({accountId:D})")
        {
            Content = new StringContent(changes.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IntegrationHarness.Token);
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (userId is { } user)
            request.Headers.TryAddWithoutValidation("MSCRMCallerID", user.ToString("D"));
        using var response = await http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task SetMappingAsync(IntegrationHarness h, Action<IntegrationTableMapping> change)
    {
        await using var db = h.Db();
        var mapping = await db.IntegrationTableMappings.SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
        change(mapping);
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<IntegrationTableMapping> MappingAsync(IntegrationHarness h)
    {
        await using var db = h.Db();
        return await db.IntegrationTableMappings.AsNoTracking().SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
    }

    private static async Task<Coupling> CouplingAsync(IntegrationHarness h, Guid? localId = null, Guid? accountId = null)
    {
        await using var db = h.Db();
        return await db.Couplings.AsNoTracking().SingleAsync(c => localId != null ? c.LocalSystemId == localId : c.DataverseId == accountId, Ct);
    }

    private static async Task<DataverseRow> AccountAsync(IntegrationHarness h, Guid id) =>
        await h.Client.RetrieveAsync(DataverseTable.Accounts, id, ct: Ct) ?? throw new InvalidOperationException($"account {id} does not exist");
}

public sealed class SqliteSyncEngineTests(SqliteDatabaseFixture database) : SyncEngineTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresSyncEngineTests(PostgresDatabaseFixture database) : SyncEngineTests(database), IClassFixture<PostgresDatabaseFixture>;
