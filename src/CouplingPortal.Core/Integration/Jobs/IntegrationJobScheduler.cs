using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// The hosted job runner of one portal instance (BC's job queue dispatcher for the integration). It claims due queue
/// entries with a lease (an optimistic update on the entry's version, so of several instances on one database exactly
/// one wins), renews the lease while the handler runs, and writes the outcome: one-off entries finish or are retried
/// once after 30 s; recurring entries wait for their mapping's interval, or for its inactivity timeout after a run that
/// changed nothing. A crashed instance's entry is taken over once its lease has expired. Between rounds it waits for
/// the next due moment, or for a pulse of <see cref="IntegrationJobSignal"/>, bounded by the poll interval.
/// </summary>
public sealed class IntegrationJobScheduler(
    IServiceScopeFactory scopes,
    IDbContextFactory<PortalDbContext> dbFactory,
    IntegrationJobQueue queue,
    IntegrationJobEvents events,
    IntegrationJobSignal signal,
    DataverseConnectionState connection,
    TimeProvider clock,
    IOptions<IntegrationSchedulerOptions> options,
    ILogger<IntegrationJobScheduler> logger) : BackgroundService
{
    /// <summary>BC's rerun delay after a failed attempt.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    private const int MessageMaxLength = 2048;

    private static readonly ActivitySource Activities = new("CouplingPortal.Integration.Jobs");

    private readonly ConcurrentDictionary<Guid, string> _busyMappings = new();
    private readonly ConcurrentDictionary<Task, byte> _workers = new();
    private int _connectionChanged;
    private long _waitingUntilTicks;

    /// <summary>This instance's lease owner name: machine, process and a random part (two hosts in one process differ).</summary>
    public string InstanceId { get; } = NewInstanceId();

    private IntegrationSchedulerOptions Settings => options.Value;

    /// <summary>Raised when the loop starts to wait, with the moment it plans to look again (tests move a fake clock after it).</summary>
    internal event Action<DateTimeOffset>? Waiting;

    /// <summary>While the loop waits: the moment it plans to look again.</summary>
    internal DateTimeOffset? WaitingUntil
    {
        get => Interlocked.Read(ref _waitingUntilTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        private set => Interlocked.Exchange(ref _waitingUntilTicks, value?.UtcTicks ?? 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.Enabled)
        {
            logger.LogInformation("The integration job scheduler is disabled on this instance (Integration:Scheduler:Enabled)");
            return;
        }

        logger.LogInformation("Integration job scheduler {Instance} started with {Workers} workers", InstanceId, Settings.Workers);
        connection.Changed += OnConnectionChanged;
        try
        {
            var recurringEnsured = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset wakeAt;
                try
                {
                    if (!recurringEnsured || Interlocked.Exchange(ref _connectionChanged, 0) == 1)
                    {
                        await queue.EnsureRecurringEntriesAsync(stoppingToken);
                        recurringEnsured = true;
                    }
                    // Notices another instance's change of the connection (the state raises Changed).
                    await connection.IsEnabledAsync(stoppingToken);
                    wakeAt = await StartDueJobsAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "The integration job scheduler could not read the queue; it tries again in {Seconds} s", Settings.PollSeconds);
                    wakeAt = clock.GetUtcNow() + Settings.Poll;
                }

                var delay = wakeAt - clock.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    try
                    {
                        await signal.WaitAsync(delay, clock, () =>
                        {
                            WaitingUntil = wakeAt;
                            Waiting?.Invoke(wakeAt);
                        }, stoppingToken);
                    }
                    finally
                    {
                        WaitingUntil = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            connection.Changed -= OnConnectionChanged;
            // Workers see the same token: they hand their entries back and end.
            await Task.WhenAll(_workers.Keys);
        }
    }

    private void OnConnectionChanged()
    {
        Interlocked.Exchange(ref _connectionChanged, 1);
        signal.Pulse();
    }

    /// <summary>Claims and starts due entries while workers are free; returns when to look again.</summary>
    private async Task<DateTimeOffset> StartDueJobsAsync(CancellationToken stoppingToken)
    {
        while (_busyMappings.Count < Settings.Workers)
        {
            var entry = await TryClaimAsync(stoppingToken);
            if (entry is null)
                break;
            Start(entry, stoppingToken);
        }

        var pollAt = clock.GetUtcNow() + Settings.Poll;
        if (_busyMappings.Count >= Settings.Workers)
            return pollAt; // a worker that ends pulses the signal
        return await NextDueAsync(stoppingToken) is { } due && due < pollAt ? due : pollAt;
    }

    private async Task<IntegrationJobRequest?> TryClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var busy = _busyMappings.Values.ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await Due(db, now)
            .Where(r => !busy.Contains(r.MappingName))
            .OrderBy(r => r.NotBefore).ThenBy(r => r.QueuedAt)
            .Select(r => new { r.Id, r.Version, r.MappingName })
            .Take(Settings.Workers * 4)
            .ToListAsync(ct);

        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (!tried.Add(candidate.MappingName))
                continue;
            var leaseUntil = now + Settings.Lease;
            var claimed = await db.IntegrationJobRequests
                .Where(r => r.Id == candidate.Id && r.Version == candidate.Version
                    // Another instance already running this mapping keeps it (a best effort: two claims at the same
                    // instant can both pass; the engines' own writes stay consistent then, only slower).
                    && !db.IntegrationJobRequests.Any(o => o.Id != candidate.Id && o.MappingName == candidate.MappingName
                        && o.Status == IntegrationJobRequestStatus.InProcess && o.LeaseExpiresAt >= now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, IntegrationJobRequestStatus.InProcess)
                    .SetProperty(r => r.LeaseOwner, InstanceId)
                    .SetProperty(r => r.LeaseExpiresAt, leaseUntil)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.FinishedAt, (DateTime?)null)
                    .SetProperty(r => r.Processed, 0)
                    .SetProperty(r => r.Total, (int?)null)
                    .SetProperty(r => r.Version, candidate.Version + 1), ct);
            if (claimed == 1)
                return await db.IntegrationJobRequests.AsNoTracking().SingleAsync(r => r.Id == candidate.Id, ct);
        }
        return null;
    }

    /// <summary>Entries that may start now: waiting ones whose time has come, and running ones whose lease expired.</summary>
    private static IQueryable<IntegrationJobRequest> Due(PortalDbContext db, DateTime now) =>
        db.IntegrationJobRequests.Where(r =>
            ((r.Status == IntegrationJobRequestStatus.Ready || r.Status == IntegrationJobRequestStatus.OnHoldWithInactivityTimeout) && r.NotBefore <= now)
            || (r.Status == IntegrationJobRequestStatus.InProcess && r.LeaseExpiresAt < now));

    /// <summary>The next future moment an entry becomes due or a lease of another instance expires.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await db.IntegrationJobRequests
            .Where(r => (r.Status == IntegrationJobRequestStatus.Ready || r.Status == IntegrationJobRequestStatus.OnHoldWithInactivityTimeout) && r.NotBefore > now)
            .Select(r => (DateTime?)r.NotBefore).MinAsync(ct);
        var expiring = await db.IntegrationJobRequests
            .Where(r => r.Status == IntegrationJobRequestStatus.InProcess && r.LeaseOwner != InstanceId && r.LeaseExpiresAt >= now)
            .Select(r => r.LeaseExpiresAt).MinAsync(ct);
        DateTime? next = (waiting, expiring) switch
        {
            ({ } a, { } b) => a < b ? a : b.AddTicks(TimeSpan.TicksPerMillisecond),
            ({ } a, null) => a,
            (null, { } b) => b.AddTicks(TimeSpan.TicksPerMillisecond),
            _ => null,
        };
        return next is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    private void Start(IntegrationJobRequest entry, CancellationToken stoppingToken)
    {
        _busyMappings[entry.Id] = entry.MappingName;
        var worker = Task.Run(() => RunAsync(entry, stoppingToken), CancellationToken.None);
        _workers[worker] = 0;
        worker.ContinueWith(t => _workers.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(IntegrationJobRequest entry, CancellationToken stoppingToken)
    {
        using var activity = Activities.StartActivity("IntegrationJob " + entry.Kind);
        activity?.SetTag("couplingportal.job.id", entry.Id);
        activity?.SetTag("couplingportal.job.mapping", entry.MappingName);
        activity?.SetTag("couplingportal.job.attempt", entry.Attempts);
        var lease = new JobLease(dbFactory, entry.Id, InstanceId, entry.Version);
        try
        {
            await RunClaimedAsync(entry, lease, stoppingToken);
        }
        catch (Exception ex)
        {
            // The outcome could not be stored; the lease expires and an instance runs the entry again.
            logger.LogError(ex, "Job {RequestId} ({Kind}, {Mapping}): its outcome could not be stored", entry.Id, entry.Kind, entry.MappingName);
            activity?.SetStatus(ActivityStatusCode.Error);
        }
        finally
        {
            _busyMappings.TryRemove(entry.Id, out _);
            signal.Pulse();
        }
    }

    private async Task RunClaimedAsync(IntegrationJobRequest entry, JobLease lease, CancellationToken stoppingToken)
    {
        if (entry.Attempts > entry.MaxAttempts)
        {
            // Taken over after its last attempt's instance stopped: running it again would exceed its attempts.
            await FailAsync(entry, lease, JobText.Message("Interrupted", entry.Attempts - 1), new JobProgress(0, null), finalAttempt: true);
            return;
        }
        if (entry.Recurring && !await connection.IsEnabledAsync(stoppingToken))
        {
            await lease.DeleteAsync(CancellationToken.None);
            return;
        }

        events.Publish(new IntegrationJobEvent(entry.Id, entry.MappingName, entry.Kind, IntegrationJobRequestStatus.InProcess, new JobProgress(0, null), null));
        using var work = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopRenewal = new CancellationTokenSource();
        var progress = new JobProgressReporter(entry, lease, events, clock, logger);
        var renewal = RenewLeaseAsync(entry, lease, work, stopRenewal.Token);
        Exception? failure = null;
        var cancelled = false;
        try
        {
            using (LocalChangeRescheduler.EnterJobRun())
            {
                await using var scope = scopes.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetServices<IIntegrationJobHandler>().FirstOrDefault(h => h.Kind == entry.Kind)
                    ?? throw new InvalidOperationException(JobText.Message("NoHandler", entry.Kind));
                await handler.RunAsync(entry, progress, work.Token);
            }
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await stopRenewal.CancelAsync();
            await renewal;
            await progress.FlushAsync();
        }

        if (lease.Lost)
        {
            logger.LogWarning("Job {RequestId} ({Mapping}): this instance lost its lease; another instance runs it", entry.Id, entry.MappingName);
            return;
        }
        if (cancelled)
        {
            // Shutting down: hand the entry back, without counting the attempt, for the next instance to run.
            var now = clock.GetUtcNow().UtcDateTime;
            await lease.UpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.Ready)
                .SetProperty(r => r.NotBefore, now)
                .SetProperty(r => r.Attempts, r => r.Attempts - 1)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null), bumpVersion: true, CancellationToken.None);
            return;
        }
        if (failure is not null)
        {
            logger.LogWarning(failure, "Job {RequestId} ({Kind}, {Mapping}) failed on attempt {Attempt} of {MaxAttempts}",
                entry.Id, entry.Kind, entry.MappingName, entry.Attempts, entry.MaxAttempts);
            var message = string.IsNullOrWhiteSpace(failure.Message) ? JobText.Message("JobFailedNoMessage") : failure.Message;
            await FailAsync(entry, lease, message, progress.Latest, finalAttempt: entry.Attempts >= entry.MaxAttempts);
            return;
        }
        await SucceedAsync(entry, lease, progress.Latest);
    }

    private async Task RenewLeaseAsync(IntegrationJobRequest entry, JobLease lease, CancellationTokenSource work, CancellationToken stop)
    {
        var every = Settings.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, stop);
                var until = clock.GetUtcNow().UtcDateTime + Settings.Lease;
                bool held;
                try
                {
                    held = await lease.UpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, until), bumpVersion: true, stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The lease still runs for a while; the next tick tries again.
                    logger.LogWarning(ex, "Could not renew the lease of job {RequestId}", entry.Id);
                    continue;
                }
                if (!held)
                {
                    await work.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task SucceedAsync(IntegrationJobRequest entry, JobLease lease, JobProgress progress)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!entry.Recurring)
        {
            if (await lease.UpdateAsync(s => Ended(s, now, progress)
                    .SetProperty(r => r.Status, IntegrationJobRequestStatus.Finished)
                    .SetProperty(r => r.Message, (string?)null), bumpVersion: true, CancellationToken.None))
                Publish(entry, IntegrationJobRequestStatus.Finished, progress, null);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var mapping = await db.IntegrationTableMappings.AsNoTracking().Where(m => m.Name == entry.MappingName)
            .Select(m => new { m.Enabled, m.LocalTable, m.RecurrenceIntervalMinutes, m.InactivityTimeoutMinutes, m.DisableEventDrivenRescheduling })
            .FirstOrDefaultAsync();
        if (mapping is null || !mapping.Enabled)
        {
            await lease.DeleteAsync(CancellationToken.None);
            Publish(entry, IntegrationJobRequestStatus.Finished, progress, null);
            return;
        }

        var startedAt = entry.StartedAt ?? now;
        var changes = await db.IntegrationSynchJobs.Where(j => j.RequestId == entry.Id && j.QueuedAt >= startedAt)
            .SumAsync(j => j.Inserted + j.Modified + j.Deleted + j.Failed);
        IntegrationJobRequestStatus status;
        DateTime next;
        if (changes > 0)
            (status, next) = (IntegrationJobRequestStatus.Ready, now.AddMinutes(mapping.RecurrenceIntervalMinutes));
        else if (!mapping.DisableEventDrivenRescheduling && await LocalRecordQuery.Query(db, mapping.LocalTable, RecordFilter.Empty)
                     .AnyAsync(r => r.SystemModifiedAt > startedAt))
            // A local change during a run that wrote nothing locally was not seen by it, and its wake-up found the
            // entry running: run again soon instead of sleeping through the inactivity timeout.
            (status, next) = (IntegrationJobRequestStatus.Ready, now + LocalChangeRescheduler.Delay);
        else
            (status, next) = (IntegrationJobRequestStatus.OnHoldWithInactivityTimeout, now.AddMinutes(mapping.InactivityTimeoutMinutes));

        if (await lease.UpdateAsync(s => Ended(s, now, progress)
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.NotBefore, next)
                .SetProperty(r => r.Attempts, 0)
                .SetProperty(r => r.Message, (string?)null), bumpVersion: true, CancellationToken.None))
            Publish(entry, IntegrationJobRequestStatus.Finished, progress, null);
    }

    private async Task FailAsync(IntegrationJobRequest entry, JobLease lease, string message, JobProgress progress, bool finalAttempt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        var status = finalAttempt ? IntegrationJobRequestStatus.Error : IntegrationJobRequestStatus.Ready;
        var next = finalAttempt ? now : now + RetryDelay;
        if (await lease.UpdateAsync(s => Ended(s, now, progress)
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.NotBefore, next)
                .SetProperty(r => r.Message, message), bumpVersion: true, CancellationToken.None))
            Publish(entry, status, progress, message);
    }

    private static UpdateSettersBuilder<IntegrationJobRequest> Ended(UpdateSettersBuilder<IntegrationJobRequest> s, DateTime now, JobProgress progress) => s
        .SetProperty(r => r.FinishedAt, now)
        .SetProperty(r => r.LeaseOwner, (string?)null)
        .SetProperty(r => r.LeaseExpiresAt, (DateTime?)null)
        .SetProperty(r => r.Processed, progress.Processed)
        .SetProperty(r => r.Total, progress.Total);

    private void Publish(IntegrationJobRequest entry, IntegrationJobRequestStatus status, JobProgress progress, string? message) =>
        events.Publish(new IntegrationJobEvent(entry.Id, entry.MappingName, entry.Kind, status, progress, message));

    private static string NewInstanceId()
    {
        var machine = Environment.MachineName;
        if (machine.Length > 150)
            machine = machine[..150];
        return $"{machine}/{Environment.ProcessId}/{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}";
    }
}
