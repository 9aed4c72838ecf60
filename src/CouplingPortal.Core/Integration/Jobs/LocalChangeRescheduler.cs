using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// BC's event-driven rescheduling (reference §3.10): when a save inserts or changes records of a table the integration
/// maps, the recurring entries of that table's mappings (unless a mapping disables it) that would run more than a
/// minute from now are pulled forward to 30 seconds from now, in the database so every instance sees it, and this
/// instance's scheduler is woken. One UPDATE per such save; none for saves of other tables, and none for the
/// integration's own writes while a job runs (they would only wake the run that made them).
/// </summary>
public sealed class LocalChangeRescheduler(TimeProvider clock, IntegrationJobSignal signal) : SaveChangesInterceptor
{
    /// <summary>Entries due sooner than this are left as they are.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(60);

    /// <summary>When a woken entry runs, counted from the change (gives a burst of edits time to finish).</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    private static readonly AsyncLocal<bool> RunningJob = new();

    private static readonly FrozenDictionary<Type, LocalTable> TablesByType =
        Enum.GetValues<LocalTable>().ToFrozenDictionary(LocalTables.EntityType);

    private readonly ConditionalWeakTable<DbContext, LocalTable[]> _pending = [];

    /// <summary>Marks the current async flow as a queued job's run, whose saves wake nothing. Dispose to end it.</summary>
    internal static IDisposable EnterJobRun()
    {
        var previous = RunningJob.Value;
        RunningJob.Value = true;
        return new JobRunScope(previous);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } tables && eventData.Context is PortalDbContext db)
        {
            var (due, at) = Times();
            if (Pending(db, tables, due).ExecuteUpdate(s => s
                    .SetProperty(r => r.NotBefore, at)
                    .SetProperty(r => r.Status, IntegrationJobRequestStatus.Ready)
                    .SetProperty(r => r.Version, r => r.Version + 1)) > 0)
                signal.Pulse();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } tables && eventData.Context is PortalDbContext db)
        {
            var (due, at) = Times();
            if (await Pending(db, tables, due).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.NotBefore, at)
                    .SetProperty(r => r.Status, IntegrationJobRequestStatus.Ready)
                    .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken) > 0)
                signal.Pulse();
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private static IQueryable<IntegrationJobRequest> Pending(PortalDbContext db, LocalTable[] tables, DateTime dueAfter) =>
        db.IntegrationJobRequests.Where(r => r.Recurring
            && (r.Status == IntegrationJobRequestStatus.Ready || r.Status == IntegrationJobRequestStatus.OnHoldWithInactivityTimeout)
            && r.NotBefore > dueAfter
            && db.IntegrationTableMappings.Any(m => m.Name == r.MappingName && m.Enabled && !m.DisableEventDrivenRescheduling
                && tables.Contains(m.LocalTable)));

    private (DateTime DueAfter, DateTime RunAt) Times()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (now + Threshold, now + Delay);
    }

    private void Collect(DbContext? context)
    {
        if (context is null || RunningJob.Value)
            return;
        HashSet<LocalTable>? tables = null;
        foreach (var entry in context.ChangeTracker.Entries<MasterRecord>())
        {
            // BC reacts to insert, modify and rename; a delete surfaces later as a coupling to a missing record.
            if (entry.State is EntityState.Added or EntityState.Modified && TablesByType.TryGetValue(entry.Entity.GetType(), out var table))
                (tables ??= []).Add(table);
        }
        if (tables is null)
            _pending.Remove(context);
        else
            _pending.AddOrUpdate(context, [.. tables]);
    }

    private LocalTable[]? Take(DbContext? context) =>
        context is not null && _pending.TryGetValue(context, out var tables) && _pending.Remove(context) ? tables : null;

    private sealed class JobRunScope(bool previous) : IDisposable
    {
        public void Dispose() => RunningJob.Value = previous;
    }
}
