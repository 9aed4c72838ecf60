using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Integration;

/// <summary>
/// The integration tables on every provider. Each test gets its own scratch database (mappings are global rows), so
/// tests do not see each other's mappings.
/// </summary>
public abstract class IntegrationModelDatabaseTests(DatabaseFixture database) : IAsyncDisposable
{
    private static readonly Guid CompanyId = Guid.Parse("3d0c2f7a-5b1e-4c8d-9a6f-2e4b7c9d1a30");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }

    private async Task<ServiceProvider> StartAsync()
    {
        _services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync(), _clock);
        await using var db = await Db(_services);
        await db.Database.MigrateAsync(Ct);
        return _services;
    }

    private static Task<PortalDbContext> Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);

    private static async Task<List<IntegrationTableMapping>> LoadMappingsAsync(IServiceProvider services)
    {
        await using var db = await Db(services);
        var mappings = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).OrderBy(m => m.Name).ToListAsync(Ct);
        foreach (var m in mappings) m.FieldMappings = [.. m.FieldMappings.OrderBy(f => f.LineNo)];
        return mappings;
    }

    /// <summary>Everything a reset must restore, as comparable text (ids and timestamps left out).</summary>
    private static string Snapshot(IntegrationTableMapping m) =>
        string.Join("\n", new[]
        {
            $"{m.Name}|{m.LocalTable}|{m.DataverseTable}|{m.Kind}|{m.DataverseOptionColumn}|{m.Direction}|{m.TableFilter.ToJson()}|{m.IntegrationTableFilter.ToJson()}",
            $"{m.CompanyFilter}|{m.CompanyId}|{m.MultiCompanySyncEnabled}|{m.SynchOnlyCoupledRecords}|{m.UpdateConflictResolution}|{m.DeletionConflictResolution}",
            $"{string.Join('|', m.Dependencies)}|{m.CreateNewInCaseOfNoMatch}|{m.SynchronizeAfterMatchBasedCoupling}|{m.LocalModifiedWatermark}|{m.DataverseModifiedOnWatermark}",
            $"{m.RecurrenceIntervalMinutes}|{m.InactivityTimeoutMinutes}|{m.Enabled}|{m.UserDefined}",
        }.Concat(m.FieldMappings.Select(f =>
            $"  {f.LineNo}|{f.LocalField}|{f.DataverseColumn}|{f.Direction}|{f.Status}|{f.ConstantValue}|{f.ConstantOnInsertOnly}|{f.Transformation}|" +
            $"{f.ClearValueOnFailedSync}|{f.ValidateField}|{f.NotNull}|{f.UseForMatchBasedCoupling}|{f.CaseSensitiveMatching}|{f.MatchPriority}|{f.LookupTranslation}|{f.TranslationMappingName}")));

    // ---------- default setup

    [Fact]
    public async Task DefaultSetup_OnAnEmptyDatabase_CreatesBusinessCentralsMappings_AsDefined()
    {
        var services = await StartAsync();

        var result = await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, CompanyId, Ct);

        Assert.Equal(DefaultMappings.Names.Order(), result.Created.Order());
        Assert.Empty(result.Reset);
        var stored = await LoadMappingsAsync(services);
        var expected = DefaultMappings.Create(CompanyId).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(Snapshot), stored.OrderBy(m => m.Name, StringComparer.Ordinal).Select(Snapshot));
        var customer = stored.Single(m => m.Name == "CUSTOMER");
        Assert.Equal(SyncDirection.Bidirectional, customer.Direction);
        Assert.Equal(CompanyFilter.ThisCompanyOrUnclaimed, customer.CompanyFilter);
        Assert.Equal("statecode=0, customertypecode=3", customer.IntegrationTableFilter.ToString());
        Assert.Contains(customer.FieldMappings, f => f.DataverseColumn == "accountnumber" && f.Status == FieldMappingStatus.Disabled);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, customer.DefaultsAppliedAt);
    }

    [Fact]
    public async Task DefaultSetup_AppliedTwice_LeavesTheSameMappings()
    {
        var services = await StartAsync();
        var setup = services.GetRequiredService<DefaultSynchronizationSetup>();
        await setup.ApplyAsync(null, CompanyId, Ct);
        var first = (await LoadMappingsAsync(services)).Select(Snapshot).ToList();

        var result = await setup.ApplyAsync(null, CompanyId, Ct);

        Assert.Empty(result.Created);
        Assert.Equal(DefaultMappings.Names.Order(), result.Reset.Order());
        Assert.Equal(first, (await LoadMappingsAsync(services)).Select(Snapshot));
        await using var db = await Db(services);
        Assert.Equal(DefaultMappings.Create(CompanyId).Sum(m => m.FieldMappings.Count), await db.IntegrationFieldMappings.CountAsync(Ct));
    }

    [Fact]
    public async Task DefaultSetup_ForASelection_ResetsOnlyThoseMappings_AndKeepsTheirCouplings()
    {
        var services = await StartAsync();
        var setup = services.GetRequiredService<DefaultSynchronizationSetup>();
        await setup.ApplyAsync(null, CompanyId, Ct);
        var couplingId = Guid.NewGuid();
        await using (var db = await Db(services))
        {
            var customer = await db.IntegrationTableMappings.Include(m => m.FieldMappings).SingleAsync(m => m.Name == "CUSTOMER", Ct);
            customer.Direction = SyncDirection.ToIntegrationTable;
            customer.IntegrationTableFilter = RecordFilter.Empty;
            customer.LocalModifiedWatermark = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            customer.FieldMappings.Single(f => f.DataverseColumn == "accountnumber").Status = FieldMappingStatus.Enabled;
            customer.FieldMappings.RemoveAll(f => f.DataverseColumn == "fax");
            var vendor = await db.IntegrationTableMappings.SingleAsync(m => m.Name == "VENDOR", Ct);
            vendor.UpdateConflictResolution = UpdateConflictResolution.GetDataUpdateFromDataverse;
            vendor.Enabled = false;
            db.Couplings.Add(new Coupling { Id = couplingId, MappingName = "CUSTOMER", LocalTable = LocalTable.Customer, LocalSystemId = Guid.NewGuid(), DataverseTable = "account", DataverseId = Guid.NewGuid() });
            await db.SaveChangesAsync(Ct);
        }
        var vendorBefore = Snapshot((await LoadMappingsAsync(services)).Single(m => m.Name == "VENDOR"));

        var result = await setup.ApplyAsync(["customer"], CompanyId, Ct);

        Assert.Equal(["CUSTOMER"], result.Reset);
        var stored = await LoadMappingsAsync(services);
        Assert.Equal(Snapshot(DefaultMappings.Create(CompanyId).Single(m => m.Name == "CUSTOMER")), Snapshot(stored.Single(m => m.Name == "CUSTOMER")));
        Assert.Null(stored.Single(m => m.Name == "CUSTOMER").LocalModifiedWatermark);
        Assert.Equal(vendorBefore, Snapshot(stored.Single(m => m.Name == "VENDOR")));
        await using (var db = await Db(services))
            Assert.True(await db.Couplings.AnyAsync(c => c.Id == couplingId, Ct));
    }

    [Fact]
    public async Task DefaultSetup_ForAnUnknownName_IsRefused_AndChangesNothing()
    {
        var services = await StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(["CUSTOMER", "CUSTOMERS"], CompanyId, Ct));

        Assert.Contains("CUSTOMERS", error.Message);
        Assert.Empty(await LoadMappingsAsync(services));
    }

    // ---------- couplings

    private static Coupling NewCoupling(Guid localId, Guid dataverseId, string mapping = "CUSTOMER", LocalTable table = LocalTable.Customer) =>
        new() { Id = Guid.NewGuid(), MappingName = mapping, LocalTable = table, LocalSystemId = localId, DataverseTable = "account", DataverseId = dataverseId };

    [Fact]
    public async Task Couplings_AreUniquePerLocalRecord_AndPerDataverseRow_InTheDatabase()
    {
        var services = await StartAsync();
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, CompanyId, Ct);
        var (local, row) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var db = await Db(services))
        {
            db.Couplings.Add(NewCoupling(local, row));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await Db(services))
        {
            db.Couplings.Add(NewCoupling(local, Guid.NewGuid()));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = await Db(services))
        {
            // The same account cannot be coupled to a vendor either: one coupling per Dataverse row.
            db.Couplings.Add(NewCoupling(Guid.NewGuid(), row, "VENDOR", LocalTable.Vendor));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = await Db(services))
        {
            // The same SystemId value in another table is another record.
            db.Couplings.Add(NewCoupling(local, Guid.NewGuid(), "VENDOR", LocalTable.Vendor));
            await db.SaveChangesAsync(Ct);
            Assert.Equal(2, await db.Couplings.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task AMappingWithCouplings_CannotBeDeleted_ButOneWithout_TakesItsFieldMappingsWithIt()
    {
        var services = await StartAsync();
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(["CUSTOMER", "VENDOR"], CompanyId, Ct);
        await using (var db = await Db(services))
        {
            db.Couplings.Add(NewCoupling(Guid.NewGuid(), Guid.NewGuid()));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await Db(services))
        {
            db.IntegrationTableMappings.Remove(await db.IntegrationTableMappings.SingleAsync(m => m.Name == "CUSTOMER", Ct));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = await Db(services))
        {
            Assert.Equal(1, await db.IntegrationTableMappings.Where(m => m.Name == "VENDOR").ExecuteDeleteAsync(Ct));
            Assert.False(await db.IntegrationFieldMappings.AnyAsync(f => f.MappingName == "VENDOR", Ct));
            Assert.True(await db.IntegrationFieldMappings.AnyAsync(f => f.MappingName == "CUSTOMER", Ct));
        }
    }

    [Fact]
    public async Task OptionCouplings_AreUniquePerMapping_OnBothSides()
    {
        var services = await StartAsync();
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, CompanyId, Ct);
        OptionCoupling Option(Guid local, int value, string mapping = "PAYMENT TERMS") => new()
        {
            Id = Guid.NewGuid(), MappingName = mapping, LocalTable = LocalTable.PaymentTerms, LocalSystemId = local,
            DataverseTable = "account", DataverseColumn = "paymenttermscode", OptionValue = value, OptionLabel = "Net 30",
        };
        var local = Guid.NewGuid();
        await using (var db = await Db(services))
        {
            db.OptionCouplings.Add(Option(local, 1));
            db.OptionCouplings.Add(Option(Guid.NewGuid(), 1, "SHIPMENT METHOD"));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await Db(services))
        {
            db.OptionCouplings.Add(Option(Guid.NewGuid(), 1));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        await using (var db = await Db(services))
        {
            db.OptionCouplings.Add(Option(local, 2));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
    }

    [Fact]
    public async Task Coupling_KeepsItsPerDirectionState_AndTheIdReservedBeforeACreate()
    {
        var services = await StartAsync();
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(["CUSTOMER"], CompanyId, Ct);
        var (jobTo, jobFrom) = (Guid.NewGuid(), Guid.NewGuid());
        var stamp = new DateTime(2026, 11, 24, 10, 30, 15, 123, DateTimeKind.Utc);
        var coupling = NewCoupling(Guid.NewGuid(), Guid.CreateVersion7());
        coupling.DataverseCreatePending = true;
        coupling.RecordSuccess(SyncDirection.ToIntegrationTable, jobTo, stamp);
        coupling.AdvanceDataverseModifiedOn(stamp.AddSeconds(1));
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, jobFrom, "Owner does not exist", transient: false);
        await using (var db = await Db(services))
        {
            db.Couplings.Add(coupling);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await Db(services))
        {
            var stored = await db.Couplings.SingleAsync(c => c.LocalTable == LocalTable.Customer && c.LocalSystemId == coupling.LocalSystemId, Ct);
            Assert.Equal((coupling.DataverseId, true), (stored.DataverseId, stored.DataverseCreatePending));
            Assert.Equal((SyncResult.Success, jobTo, stamp, 0), (stored.LastResultToDataverse, stored.LastJobIdToDataverse, stored.LastSyncedLocalModifiedAt, stored.ErrorCountToDataverse));
            Assert.Equal((SyncResult.Failure, jobFrom, "Owner does not exist", 1), (stored.LastResultFromDataverse, stored.LastJobIdFromDataverse, stored.LastErrorFromDataverse, stored.ErrorCountFromDataverse));
            Assert.Equal(stamp.AddSeconds(1), stored.LastSyncedDataverseModifiedOn);
            Assert.False(stored.Skipped);
        }
    }

    // ---------- jobs, errors, record changes, retention

    private IntegrationSynchJob NewJob(DateTime finishedAt, int failed = 0, IntegrationJobStatus status = IntegrationJobStatus.Finished) => new()
    {
        Id = Guid.NewGuid(), Type = IntegrationJobType.Synchronization, MappingName = "CUSTOMER", Direction = SyncDirection.ToIntegrationTable,
        Status = status, QueuedAt = finishedAt.AddMinutes(-2), StartedAt = finishedAt.AddMinutes(-1),
        FinishedAt = status is IntegrationJobStatus.Finished or IntegrationJobStatus.Failed ? finishedAt : null, Failed = failed, RequestedBy = "scheduler",
    };

    [Fact]
    public async Task Jobs_KeepTheirCountersErrorsAndRecordChanges()
    {
        var services = await StartAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var job = NewJob(now);
        job.IsDryRun = true;
        job.Message = "Dry run";
        foreach (var action in new[] { SyncAction.Insert, SyncAction.Insert, SyncAction.Modify, SyncAction.Delete, SyncAction.Unchanged, SyncAction.Skip, SyncAction.Fail, SyncAction.Couple, SyncAction.Uncouple, SyncAction.Uncouple })
            job.Count(action);
        var source = Guid.NewGuid();
        job.Errors.Add(new IntegrationSynchJobError
        {
            SourceRecordId = source, SourceDescription = "Customer 10000 O'Brien", Message = "Entity 'systemuser' does not exist",
            Detail = "0x80040217 request 42", IsTransient = false, OccurredAt = now,
        });
        var change = new SyncRecordChange
        {
            JobId = job.Id, MappingName = "CUSTOMER", Direction = SyncDirection.ToIntegrationTable, LocalSystemId = source, DataverseId = Guid.NewGuid(),
            Action = SyncAction.Modify, OccurredAt = now, Changes = [new("name", "O'Brien", "O'Brien & Sons"), new("telephone1", null, "+31 20 123")],
        };
        await using (var db = await Db(services))
        {
            db.IntegrationSynchJobs.Add(job);
            db.SyncRecordChanges.Add(change);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await Db(services))
        {
            var stored = await db.IntegrationSynchJobs.Include(j => j.Errors).SingleAsync(j => j.Id == job.Id, Ct);
            Assert.Equal((2, 1, 1, 1, 1, 1, 1, 2), (stored.Inserted, stored.Modified, stored.Deleted, stored.Unchanged, stored.Skipped, stored.Failed, stored.Coupled, stored.Uncoupled));
            Assert.Equal((true, "Dry run", TimeSpan.FromMinutes(1)), (stored.IsDryRun, stored.Message, stored.Duration));
            var error = Assert.Single(stored.Errors);
            Assert.Equal((source, "Customer 10000 O'Brien", "0x80040217 request 42"), (error.SourceRecordId, error.SourceDescription, error.Detail));
            var history = await db.SyncRecordChanges.Where(c => c.LocalSystemId == source).OrderBy(c => c.OccurredAt).ToListAsync(Ct);
            Assert.Equal(change.Changes, Assert.Single(history).Changes);
        }
    }

    [Fact]
    public async Task DeleteEntriesOlderThan7Days_DeletesOnlyOldJobsWithoutFailures_WithTheirErrorsAndChanges()
    {
        var services = await StartAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var old = NewJob(now.AddDays(-8));
        var oldFailed = NewJob(now.AddDays(-8), failed: 1);
        var recent = NewJob(now.AddDays(-6));
        var oldRunning = NewJob(now.AddDays(-9), status: IntegrationJobStatus.Running);
        old.Errors.Add(new IntegrationSynchJobError { Message = "transient", Detail = "429", IsTransient = true, OccurredAt = now.AddDays(-8) });
        await using (var db = await Db(services))
        {
            db.IntegrationSynchJobs.AddRange(old, oldFailed, recent, oldRunning);
            db.SyncRecordChanges.Add(new SyncRecordChange { JobId = old.Id, MappingName = "CUSTOMER", Action = SyncAction.Insert, OccurredAt = now.AddDays(-8) });
            db.SyncRecordChanges.Add(new SyncRecordChange { JobId = recent.Id, MappingName = "CUSTOMER", Action = SyncAction.Insert, OccurredAt = now.AddDays(-6) });
            await db.SaveChangesAsync(Ct);
        }

        var deleted = await services.GetRequiredService<IntegrationLogCleanup>().DeleteEntriesOlderThan7DaysAsync(Ct);

        Assert.Equal(1, deleted);
        await using (var db = await Db(services))
        {
            Assert.Equal(new[] { oldFailed.Id, recent.Id, oldRunning.Id }.Order(), (await db.IntegrationSynchJobs.Select(j => j.Id).ToListAsync(Ct)).Order());
            Assert.Equal(0, await db.IntegrationSynchJobErrors.CountAsync(Ct));
            Assert.Equal([recent.Id], await db.SyncRecordChanges.Select(c => c.JobId).ToListAsync(Ct));
        }
    }

    [Fact]
    public async Task TheRetentionService_AppliesTheSettingAtStartAndThenDaily_IncludingEndedQueueEntries()
    {
        var services = await StartAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var expired = NewJob(now.AddDays(-31));
        var expiresTomorrow = NewJob(now.AddDays(-29.5));
        var oldEntry = new IntegrationJobRequest { Id = Guid.NewGuid(), MappingName = "CUSTOMER", Status = IntegrationJobRequestStatus.Finished, QueuedAt = now.AddDays(-40), FinishedAt = now.AddDays(-40) };
        var recurring = new IntegrationJobRequest { Id = Guid.NewGuid(), MappingName = "VENDOR", Recurring = true, Status = IntegrationJobRequestStatus.Finished, QueuedAt = now.AddDays(-40), FinishedAt = now.AddDays(-40) };
        await using (var db = await Db(services))
        {
            db.IntegrationSynchJobs.AddRange(expired, expiresTomorrow);
            db.IntegrationJobRequests.AddRange(oldEntry, recurring);
            await db.SaveChangesAsync(Ct);
        }
        var retention = new IntegrationLogRetentionService(services.GetRequiredService<IntegrationLogCleanup>(), _clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<IntegrationLogRetentionService>.Instance);
        var passes = System.Threading.Channels.Channel.CreateUnbounded<int>();
        retention.Applied += deleted => passes.Writer.TryWrite(deleted);

        await retention.StartAsync(Ct);
        Assert.Equal(1, await passes.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct));
        _clock.Advance(IntegrationLogRetentionService.Interval);
        Assert.Equal(1, await passes.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct));
        await retention.StopAsync(Ct);

        await using var check = await Db(services);
        Assert.False(await check.IntegrationSynchJobs.AnyAsync(Ct));
        Assert.Equal([recurring.Id], await check.IntegrationJobRequests.Select(r => r.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task Retention_DeletesEveryFinishedJobOlderThanTheSetting_AndNothingNewer()
    {
        var services = await StartAsync();
        var now = _clock.GetUtcNow().UtcDateTime;
        var expiredFailed = NewJob(now.AddDays(-31), failed: 3, status: IntegrationJobStatus.Failed);
        var kept = NewJob(now.AddDays(-29), failed: 2);
        await using (var db = await Db(services))
        {
            db.IntegrationSynchJobs.AddRange(expiredFailed, kept);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, await services.GetRequiredService<IntegrationLogCleanup>().ApplyRetentionAsync(Ct));

        await using (var db = await Db(services))
            Assert.Equal([kept.Id], await db.IntegrationSynchJobs.Select(j => j.Id).ToListAsync(Ct));
    }
}

public sealed class SqliteIntegrationModelDatabaseTests(SqliteDatabaseFixture database)
    : IntegrationModelDatabaseTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresIntegrationModelDatabaseTests(PostgresDatabaseFixture database)
    : IntegrationModelDatabaseTests(database), IClassFixture<PostgresDatabaseFixture>;
