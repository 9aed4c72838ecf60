using System.Security.Cryptography;
using System.Text;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// The job queue in the database (BC's Job Queue Entries for the integration): one-off entries that user actions
/// enqueue, and one recurring synchronization entry per enabled mapping. Enqueuing wakes this instance's scheduler.
/// </summary>
public sealed class IntegrationJobQueue(
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    IntegrationJobSignal signal,
    IntegrationJobEvents events,
    DataverseConnectionState connection,
    ILogger<IntegrationJobQueue> logger) : IIntegrationJobQueue
{
    /// <summary>BC: one-off entries get 2 attempts.</summary>
    public const int OneOffMaxAttempts = 2;

    /// <summary>BC: recurring entries get 10 attempts in a row before they stop with an error.</summary>
    public const int RecurringMaxAttempts = 10;

    /// <summary>The RequestedBy of recurring entries.</summary>
    public const string SchedulerUser = "scheduler";

    public async Task<IntegrationJobRequest> EnqueueAsync(IntegrationJobKind kind, string mappingName, object payload, string requestedBy, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mappingName);
        if (mappingName.Length > IntegrationTableMapping.NameMaxLength)
            throw new ArgumentException($"A mapping name has at most {IntegrationTableMapping.NameMaxLength} characters.", nameof(mappingName));
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new IntegrationJobRequest
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            MappingName = mappingName,
            Description = JobText.Description(kind, mappingName),
            PayloadJson = IntegrationJobPayload.Write(kind, payload),
            Status = IntegrationJobRequestStatus.Ready,
            NotBefore = now,
            QueuedAt = now,
            RequestedBy = requestedBy ?? "",
            MaxAttempts = OneOffMaxAttempts,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.IntegrationJobRequests.Add(entry);
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Enqueued {Kind} job {RequestId} for {Mapping}", kind, entry.Id, mappingName);
        signal.Pulse();
        events.Publish(new IntegrationJobEvent(entry.Id, mappingName, kind, entry.Status, new JobProgress(0, null), null));
        return entry;
    }

    /// <summary>
    /// Makes the recurring entries match the mappings: one per enabled mapping while the Dataverse connection is
    /// enabled (created due now), none for disabled or deleted mappings, none at all while the connection is disabled.
    /// A recurring entry that stopped with an error starts again. Call it at start and whenever mappings change.
    /// Entries that are running are left alone (their run removes them when it ends). Returns the entries added.
    /// </summary>
    public async Task<int> EnsureRecurringEntriesAsync(CancellationToken ct = default)
    {
        var enabled = await connection.IsEnabledAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        List<string> wanted = enabled
            ? await db.IntegrationTableMappings.AsNoTracking().Where(m => m.Enabled).Select(m => m.Name).ToListAsync(ct)
            : [];
        var existing = await db.IntegrationJobRequests.AsNoTracking().Where(r => r.Recurring)
            .Select(r => new { r.Id, r.MappingName }).ToListAsync(ct);

        var unwanted = existing.Where(e => !wanted.Contains(e.MappingName)).Select(e => e.Id).ToList();
        if (unwanted.Count > 0)
        {
            await db.IntegrationJobRequests
                .Where(r => unwanted.Contains(r.Id) && r.Status != IntegrationJobRequestStatus.InProcess)
                .ExecuteDeleteAsync(ct);
        }

        var revived = wanted.Count == 0 ? 0 : await db.IntegrationJobRequests
            .Where(r => r.Recurring && r.Status == IntegrationJobRequestStatus.Error && wanted.Contains(r.MappingName))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.Ready)
                .SetProperty(r => r.NotBefore, now)
                .SetProperty(r => r.Attempts, 0)
                .SetProperty(r => r.Version, r => r.Version + 1), ct);

        var added = 0;
        foreach (var name in wanted.Where(n => existing.All(e => e.MappingName != n)))
        {
            db.ChangeTracker.Clear();
            db.IntegrationJobRequests.Add(NewRecurringEntry(name, now));
            try
            {
                await db.SaveChangesAsync(ct);
                added++;
            }
            catch (DbUpdateException)
            {
                // Another instance added it at the same moment: the fixed id made the second insert fail, as intended.
                db.ChangeTracker.Clear();
                var id = RecurringEntryId(name);
                if (!await db.IntegrationJobRequests.AsNoTracking().AnyAsync(r => r.Id == id, ct))
                    throw;
            }
        }

        if (added + revived > 0)
            signal.Pulse();
        if (added + revived + unwanted.Count > 0)
            logger.LogInformation("Recurring synchronization entries: {Added} added, {Revived} restarted, {Removed} removed", added, revived, unwanted.Count);
        return added;
    }

    /// <summary>
    /// The recurring entry of a mapping has a fixed id, derived from the mapping's name, so two instances ensuring
    /// the entries at once cannot create two (the primary key refuses the second).
    /// </summary>
    public static Guid RecurringEntryId(string mappingName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("recurring-synchronization:" + mappingName));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static IntegrationJobRequest NewRecurringEntry(string mappingName, DateTime now) => new()
    {
        Id = RecurringEntryId(mappingName),
        Kind = IntegrationJobKind.Synchronization,
        MappingName = mappingName,
        Description = JobText.Description(IntegrationJobKind.Synchronization, mappingName),
        PayloadJson = IntegrationJobPayload.Write(IntegrationJobKind.Synchronization, new SyncRequest { MappingName = mappingName, RequestedBy = SchedulerUser }),
        Recurring = true,
        Status = IntegrationJobRequestStatus.Ready,
        NotBefore = now,
        QueuedAt = now,
        RequestedBy = SchedulerUser,
        MaxAttempts = RecurringMaxAttempts,
    };
}
