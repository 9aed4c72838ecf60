using System.Collections.Concurrent;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Integration.Jobs;

/// <summary>The hosted scheduler: running, retrying, rescheduling, leases across instances, and the handlers.</summary>
public abstract class IntegrationJobSchedulerTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnEnqueuedJob_RunsOnce_PublishingStartedProgressAndFinished_AndStoresItsProgress()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engines.Uncouple = async (_, progress, ct) =>
        {
            progress.Report(new JobProgress(1, 3));
            clock.Advance(TimeSpan.FromSeconds(2));
            progress.Report(new JobProgress(2, 3));
            halfway.SetResult();
            await goOn.Task.WaitAsync(ct);
            progress.Report(new JobProgress(3, 3));
        };
        await host.StartSchedulerAsync();

        var entry = await host.EnqueueUncouplingAsync();
        await halfway.Task.WaitAsync(JobsTestHost.Patience, Ct);
        // Other instances' pages read the progress from the entry while the job runs.
        await JobsTestHost.EventuallyAsync(async () => (await host.EntryAsync(entry.Id)).Processed == 2, "the progress is stored");
        var running = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.InProcess, host.Scheduler.InstanceId, 1, 3), (running.Status, running.LeaseOwner, running.Attempts, running.Total));
        goOn.SetResult();
        await host.Events.WaitForAsync(entry.Id, IntegrationJobRequestStatus.Finished);

        Assert.Single(host.Engines.UncoupleRequests);
        var finished = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.Finished, 3, 3, (string?)null), (finished.Status, finished.Processed, finished.Total, finished.LeaseOwner));
        var statuses = host.Events.All.Where(e => e.RequestId == entry.Id).Select(e => (e.Status, e.Progress.Processed)).ToList();
        Assert.Equal([(IntegrationJobRequestStatus.Ready, 0), (IntegrationJobRequestStatus.InProcess, 0), (IntegrationJobRequestStatus.InProcess, 1),
            (IntegrationJobRequestStatus.InProcess, 2), (IntegrationJobRequestStatus.InProcess, 3), (IntegrationJobRequestStatus.Finished, 3)], statuses);
    }

    [Fact]
    public async Task AFailingJob_IsRetriedOnce30SecondsLater_ThenStopsWithAnErrorAndItsMessage()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var runs = 0;
        host.Engines.Uncouple = (request, _, _) => request.MappingName == DefaultMappings.Customer
            ? throw new InvalidOperationException($"Dataverse said no ({Interlocked.Increment(ref runs)})")
            : Task.CompletedTask;
        await host.StartSchedulerAsync();

        var entry = await host.EnqueueUncouplingAsync();
        var retry = await host.Events.WaitForAsync(e => e.RequestId == entry.Id && e.Status == IntegrationJobRequestStatus.Ready && e.Message is not null);
        Assert.Equal("Dataverse said no (1)", retry.Message);
        var waiting = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.Ready, 1, clock.GetUtcNow().UtcDateTime.AddSeconds(30)), (waiting.Status, waiting.Attempts, waiting.NotBefore));

        var due = host.SchedulerWaits(at => at >= waiting.NotBefore);
        await due;
        clock.Advance(TimeSpan.FromSeconds(30));
        var error = await host.Events.WaitForAsync(entry.Id, IntegrationJobRequestStatus.Error);

        Assert.Equal("Dataverse said no (2)", error.Message);
        var failed = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.Error, 2, "Dataverse said no (2)"), (failed.Status, failed.Attempts, failed.Message));

        // A later job runs while the failed one stays put.
        var idle = host.SchedulerWaits(_ => true);
        await idle;
        clock.Advance(TimeSpan.FromMinutes(5));
        var next = await host.EnqueueUncouplingAsync(DefaultMappings.Vendor);
        await host.Events.WaitForAsync(next.Id, IntegrationJobRequestStatus.Finished);
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task RecurringRuns_WaitTheirInterval_AfterChanges_AndTheirInactivityTimeoutOnHold_AfterNone()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        host.Engines.SyncChanges = r => r.MappingName == DefaultMappings.Customer ? 3 : 0;
        await host.StartSchedulerAsync();

        foreach (var name in DefaultMappings.Names)
            await host.Events.WaitForAsync(IntegrationJobQueue.RecurringEntryId(name), IntegrationJobRequestStatus.Finished);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = host.Db();
        var mappings = await db.IntegrationTableMappings.AsNoTracking().ToDictionaryAsync(m => m.Name, Ct);
        var entries = (await host.EntriesAsync()).ToDictionary(e => e.MappingName);
        Assert.Equal(DefaultMappings.Names.Count, entries.Count);
        Assert.Equal((IntegrationJobRequestStatus.Ready, now.AddMinutes(30)), (entries[DefaultMappings.Customer].Status, entries[DefaultMappings.Customer].NotBefore));
        foreach (var name in DefaultMappings.Names.Where(n => n != DefaultMappings.Customer))
            Assert.Equal((IntegrationJobRequestStatus.OnHoldWithInactivityTimeout, now.AddMinutes(mappings[name].InactivityTimeoutMinutes)), (entries[name].Status, entries[name].NotBefore));
        Assert.Equal(1440, mappings[DefaultMappings.ItemProduct].InactivityTimeoutMinutes);
        Assert.Equal(DefaultMappings.Names.Count, host.Engines.SyncRequests.Count);
        Assert.All(host.Engines.SyncRequests, r => Assert.Equal(IntegrationJobQueue.RecurringEntryId(r.MappingName), r.RequestId));

        // The interval passes: the customer mapping runs again; the others stay on hold.
        var customerId = IntegrationJobQueue.RecurringEntryId(DefaultMappings.Customer);
        await host.SchedulerWaits(at => at.UtcDateTime == now.AddMinutes(30));
        clock.Advance(TimeSpan.FromMinutes(30));
        await host.Events.WaitForAsync(e => e.RequestId == customerId && e.Status == IntegrationJobRequestStatus.Finished && host.Engines.SyncRequests.Count > DefaultMappings.Names.Count);
        Assert.Equal(DefaultMappings.Names.Count + 1, host.Engines.SyncRequests.Count);
    }

    [Fact]
    public async Task ALocalChange_WakesTheWaitingScheduler_WhichRunsTheOnHoldEntry30SecondsLater()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.StartSchedulerAsync();
        var customerId = IntegrationJobQueue.RecurringEntryId(DefaultMappings.Customer);
        foreach (var name in DefaultMappings.Names)
            await host.Events.WaitForAsync(IntegrationJobQueue.RecurringEntryId(name), IntegrationJobRequestStatus.Finished);
        Assert.Equal(IntegrationJobRequestStatus.OnHoldWithInactivityTimeout, (await host.EntryAsync(customerId)).Status);
        await host.SchedulerWaits(_ => true);
        var runsBefore = host.Engines.SyncRequests.Count(r => r.MappingName == DefaultMappings.Customer);

        var changedAt = clock.GetUtcNow();
        var wakesSoon = host.SchedulerWaits(at => at <= changedAt.AddSeconds(30));
        await using (var db = host.Db())
        {
            (await db.Customers.OrderBy(c => c.No).FirstAsync(Ct)).Name += " (changed)";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(changedAt.AddSeconds(30), await wakesSoon);
        clock.Advance(TimeSpan.FromSeconds(30));

        await host.Events.WaitForAsync(e => e.RequestId == customerId && e.Status == IntegrationJobRequestStatus.Finished
            && host.Engines.SyncRequests.Count(r => r.MappingName == DefaultMappings.Customer) > runsBefore);
        Assert.Equal(runsBefore + 1, host.Engines.SyncRequests.Count(r => r.MappingName == DefaultMappings.Customer));
    }

    [Fact]
    public async Task OneInstance_NeverRunsTwoEntriesOfTheSameMappingAtOnce_AndRunsNoMoreThanItsWorkers()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var started = new ConcurrentQueue<string>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var twoRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engines.Uncouple = async (request, _, ct) =>
        {
            started.Enqueue(request.MappingName!);
            if (started.Count == 2)
                twoRunning.TrySetResult();
            await release.Task.WaitAsync(ct);
        };
        var first = await host.EnqueueUncouplingAsync(DefaultMappings.Customer);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await host.EnqueueUncouplingAsync(DefaultMappings.Customer);
        clock.Advance(TimeSpan.FromSeconds(1));
        var other = await host.EnqueueUncouplingAsync(DefaultMappings.Vendor);
        clock.Advance(TimeSpan.FromSeconds(1));
        var third = await host.EnqueueUncouplingAsync(DefaultMappings.Contact);

        await host.StartSchedulerAsync();
        await twoRunning.Task.WaitAsync(JobsTestHost.Patience, Ct);
        var waiting = host.SchedulerWaits(_ => true);
        await waiting;
        Assert.Equal([DefaultMappings.Customer, DefaultMappings.Vendor], started.Order());
        Assert.Equal(IntegrationJobRequestStatus.Ready, (await host.EntryAsync(second.Id)).Status);
        Assert.Equal(IntegrationJobRequestStatus.Ready, (await host.EntryAsync(third.Id)).Status);

        release.SetResult();
        foreach (var id in new[] { first.Id, second.Id, other.Id, third.Id })
            await host.Events.WaitForAsync(id, IntegrationJobRequestStatus.Finished);
        Assert.Equal(4, started.Count);
    }

    [Fact]
    public async Task TwoSchedulerInstancesOnOneDatabase_RunEachDueJobExactlyOnce()
    {
        await using var a = await JobsTestHost.StartAsync(database, connectionEnabled: false);
        await using var b = await a.JoinAsync();
        var runs = new ConcurrentDictionary<Guid, ConcurrentBag<string>>();
        var running = 0;
        var bothBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<string, Func<CouplingPortal.Core.Integration.Uncoupling.UncoupleRequest, IProgress<JobProgress>, CancellationToken, Task>> engine = instance => async (request, _, ct) =>
        {
            runs.GetOrAdd(request.RequestId!.Value, _ => []).Add(instance);
            // Four at once is more than one instance's two workers: both instances must be running jobs.
            if (Interlocked.Increment(ref running) >= 4)
                bothBusy.TrySetResult();
            await bothBusy.Task.WaitAsync(ct);
        };
        a.Engines.Uncouple = engine(a.Scheduler.InstanceId);
        b.Engines.Uncouple = engine(b.Scheduler.InstanceId);
        List<Guid> ids = [];
        foreach (var name in DefaultMappings.Names)
            ids.Add((await a.EnqueueUncouplingAsync(name)).Id);

        await Task.WhenAll(a.StartSchedulerAsync(), b.StartSchedulerAsync());
        await JobsTestHost.EventuallyAsync(async () => (await a.EntriesAsync()).All(e => e.Status == IntegrationJobRequestStatus.Finished), "every job finished");

        Assert.Equal(ids.Order(), runs.Keys.Order());
        Assert.All(runs.Values, instances => Assert.Single(instances));
        Assert.Equal(2, runs.Values.SelectMany(i => i).Distinct().Count());
        Assert.All(await a.EntriesAsync(), e => Assert.Equal(1, e.Attempts));
    }

    [Fact]
    public async Task AJobWhoseLeaseExpired_IsTakenOverAndFinishedByAnotherInstance_ButALiveLeaseIsLeftAlone()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var crashed = await host.EnqueueUncouplingAsync(DefaultMappings.Customer);
        var alive = await host.EnqueueUncouplingAsync(DefaultMappings.Vendor);
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = host.Db())
        {
            await db.IntegrationJobRequests.Where(r => r.Id == crashed.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.InProcess).SetProperty(r => r.LeaseOwner, "crashed-host/1/00")
                .SetProperty(r => r.LeaseExpiresAt, now.AddSeconds(-1)).SetProperty(r => r.Attempts, 1), Ct);
            await db.IntegrationJobRequests.Where(r => r.Id == alive.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.InProcess).SetProperty(r => r.LeaseOwner, "busy-host/1/00")
                .SetProperty(r => r.LeaseExpiresAt, now.AddMinutes(1)).SetProperty(r => r.Attempts, 1), Ct);
        }

        var waitsForTheLiveLease = host.SchedulerWaits(at => at > now.AddMinutes(1));
        await host.StartSchedulerAsync();
        await host.Events.WaitForAsync(crashed.Id, IntegrationJobRequestStatus.Finished);
        await waitsForTheLiveLease;

        var takenOver = await host.EntryAsync(crashed.Id);
        Assert.Equal((IntegrationJobRequestStatus.Finished, 2), (takenOver.Status, takenOver.Attempts));
        var untouched = await host.EntryAsync(alive.Id);
        Assert.Equal((IntegrationJobRequestStatus.InProcess, "busy-host/1/00", 1), (untouched.Status, untouched.LeaseOwner, untouched.Attempts));
        Assert.Equal([crashed.Id], host.Engines.UncoupleRequests.Select(r => r.RequestId!.Value));
    }

    [Fact]
    public async Task AJobInterruptedOnItsLastAttempt_IsNotRunAgain_ButStopsWithAnError()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        using var english = new CultureScope("en-US");
        var entry = await host.EnqueueUncouplingAsync();
        await using (var db = host.Db())
            await db.IntegrationJobRequests.Where(r => r.Id == entry.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.InProcess).SetProperty(r => r.LeaseOwner, "crashed-host/1/00")
                .SetProperty(r => r.LeaseExpiresAt, clock.GetUtcNow().UtcDateTime.AddSeconds(-1)).SetProperty(r => r.Attempts, 2), Ct);

        await host.StartSchedulerAsync();
        var error = await host.Events.WaitForAsync(entry.Id, IntegrationJobRequestStatus.Error);

        Assert.Equal("The job was interrupted 2 times because the portal instance running it stopped; it is not started again.", error.Message);
        Assert.Empty(host.Engines.UncoupleRequests);
        Assert.Equal(IntegrationJobRequestStatus.Error, (await host.EntryAsync(entry.Id)).Status);
    }

    [Fact]
    public async Task EnablingTheDataverseConnection_GivesTheRunningSchedulerItsRecurringEntries()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        await host.StartSchedulerAsync();
        await host.SchedulerWaits(_ => true);
        Assert.Empty(await host.EntriesAsync());

        await host.SetConnectionEnabledAsync(true);

        foreach (var name in DefaultMappings.Names)
            await host.Events.WaitForAsync(IntegrationJobQueue.RecurringEntryId(name), IntegrationJobRequestStatus.Finished);
        Assert.Equal(DefaultMappings.Names.Order(), host.Engines.SyncRequests.Select(r => r.MappingName).Order());
    }

    [Fact]
    public async Task AnInstanceThatLosesItsLease_StopsTheJobsWork_AndWritesNothingMore()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engines.Uncouple = async (_, _, ct) =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            finally
            {
                stopped.SetResult();
            }
        };
        await host.StartSchedulerAsync();
        var entry = await host.EnqueueUncouplingAsync();
        await started.Task.WaitAsync(JobsTestHost.Patience, Ct);

        // Another instance took it over (as if this one had stalled past its lease).
        await using (var db = host.Db())
            await db.IntegrationJobRequests.Where(r => r.Id == entry.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LeaseOwner, "other-host/2/00").SetProperty(r => r.Version, r => r.Version + 1), Ct);
        clock.Advance(TimeSpan.FromSeconds(10)); // a third of the 30 s lease: the renewal finds the lease gone

        await stopped.Task.WaitAsync(JobsTestHost.Patience, Ct);
        await host.SchedulerWaits(_ => true);
        var after = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.InProcess, "other-host/2/00"), (after.Status, after.LeaseOwner));
        Assert.DoesNotContain(host.Events.All, e => e.RequestId == entry.Id && e.Status is IntegrationJobRequestStatus.Finished or IntegrationJobRequestStatus.Error);
    }

    [Fact]
    public async Task StoppingTheInstance_HandsARunningJobBack_WithoutCountingTheAttempt()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Engines.Uncouple = async (_, _, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        };
        await host.StartSchedulerAsync();
        var entry = await host.EnqueueUncouplingAsync();
        await started.Task.WaitAsync(JobsTestHost.Patience, Ct);

        await host.Scheduler.StopAsync(Ct);

        var handedBack = await host.EntryAsync(entry.Id);
        Assert.Equal((IntegrationJobRequestStatus.Ready, 0, (string?)null), (handedBack.Status, handedBack.Attempts, handedBack.LeaseOwner));
    }

    [Fact]
    public async Task TheSynchronizationHandler_PassesThePayloadWithTheEntryIdAsRequestId()
    {
        await using var host = await JobsTestHost.StartAsync(database, connectionEnabled: false);
        await host.StartSchedulerAsync();
        var localId = Guid.NewGuid();

        var entry = await host.Queue.EnqueueAsync(IntegrationJobKind.Synchronization, DefaultMappings.Contact, new SyncRequest
        {
            MappingName = DefaultMappings.Contact,
            Direction = SyncDirection.FromIntegrationTable,
            LocalSystemIds = [localId],
            Force = true,
            SkipIfDestinationChanged = true,
        }, "bob", Ct);
        await host.Events.WaitForAsync(entry.Id, IntegrationJobRequestStatus.Finished);

        var request = Assert.Single(host.Engines.SyncRequests);
        Assert.Equal(entry.Id, request.RequestId);
        Assert.Equal((DefaultMappings.Contact, SyncDirection.FromIntegrationTable, localId, true, true, "bob"),
            (request.MappingName, request.Direction, request.LocalSystemIds.Single(), request.Force, request.SkipIfDestinationChanged, request.RequestedBy));
        await using var db = host.Db();
        Assert.Equal(entry.Id, (await db.IntegrationSynchJobs.SingleAsync(Ct)).RequestId);
    }

    [Fact]
    public async Task MatchBasedCoupling_EnqueuesTheCreateNewAndSynchronizeAfterCouplingJobs()
    {
        await using var host = await JobsTestHost.StartAsync(database, connectionEnabled: false);
        var (coupledLocal, coupledRow, newLocal, unmatched) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        host.Engines.MatchLines = _ =>
        [
            new MatchLine(coupledLocal, "Customer 10000", MatchOutcome.Coupled, coupledRow, "Adatum", 1, "matched"),
            new MatchLine(newLocal, "Customer 20000", MatchOutcome.CreateNew, null, null, null, "no match"),
            new MatchLine(unmatched, "Customer 30000", MatchOutcome.MultipleMatches, null, null, 1, "several"),
        ];
        await host.StartSchedulerAsync();

        var entry = await host.Queue.EnqueueAsync(IntegrationJobKind.MatchBasedCoupling, DefaultMappings.Customer, new MatchRequest
        {
            MappingName = DefaultMappings.Customer,
            SynchronizeAfterCoupling = true,
            UpdateConflictResolution = UpdateConflictResolution.GetDataUpdateFromDataverse,
        }, "carol", Ct);
        await host.Events.WaitForAsync(entry.Id, IntegrationJobRequestStatus.Finished);
        await JobsTestHost.EventuallyAsync(() => Task.FromResult(host.Engines.SyncRequests.Count == 2), "both follow-up jobs ran");

        Assert.Equal(entry.Id, Assert.Single(host.Engines.MatchRequests).RequestId);
        var followUps = host.Engines.SyncRequests.ToList();
        var create = Assert.Single(followUps, r => r.SynchOnlyCoupledRecords == false);
        Assert.Equal((SyncDirection.ToIntegrationTable, newLocal, "carol"), (create.Direction, create.LocalSystemIds.Single(), create.RequestedBy));
        var afterCoupling = Assert.Single(followUps, r => r.SynchOnlyCoupledRecords == true);
        // CUSTOMER is bidirectional: "Get" resolves to a synchronization from Dataverse.
        Assert.Equal((SyncDirection.FromIntegrationTable, coupledLocal, coupledRow), (afterCoupling.Direction, afterCoupling.LocalSystemIds.Single(), afterCoupling.DataverseIds.Single()));
        var entries = await host.EntriesAsync();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal("carol", e.RequestedBy));
    }

    [Fact]
    public async Task AJobWhoseEngineIsNotRegistered_FailsWithAClearMessage()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock, connectionEnabled: false, engines: EngineKinds.Synchronization);
        using var english = new CultureScope("en-US");
        await host.StartSchedulerAsync();

        var entry = await host.EnqueueUncouplingAsync();
        var retry = await host.Events.WaitForAsync(e => e.RequestId == entry.Id && e.Status == IntegrationJobRequestStatus.Ready && e.Message is not null);

        Assert.Equal("Uncoupling is not available in this portal, so the uncouple job cannot run.", retry.Message);
    }
}

public sealed class SqliteIntegrationJobSchedulerTests(SqliteDatabaseFixture database) : IntegrationJobSchedulerTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresIntegrationJobSchedulerTests(PostgresDatabaseFixture database) : IntegrationJobSchedulerTests(database), IClassFixture<PostgresDatabaseFixture>;
