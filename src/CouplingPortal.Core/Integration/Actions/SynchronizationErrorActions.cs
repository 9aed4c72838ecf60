using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Errors;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Actions;

/// <summary>
/// The actions of Coupled Data Synchronization Errors (bc-coupling.md §4.4, §3.8): Retry, Retry All, Remove Coupling,
/// Restore Records, Delete Records and Find for Deleted, on couplings.
/// </summary>
public sealed class SynchronizationErrorActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    DataverseConnectionState connection,
    IIntegrationJobQueue queue)
{
    /// <summary>Retry (§3.5 "from couplings"): clears Skipped, then one job per mapping in the mapping's direction.</summary>
    public async Task<ActionOutcome> RetryAsync(IReadOnlyCollection<Guid> couplingIds, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await ActionSupport.CouplingsByIdAsync(db, couplingIds, ct);
        return await RetryAsync(db, couplings, requestedBy, ct);
    }

    /// <summary>Retry All: every skipped or failed coupling.</summary>
    public async Task<ActionOutcome> RetryAllAsync(string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await db.Couplings.Where(c => c.Skipped || c.LastResultToDataverse == SyncResult.Failure || c.LastResultFromDataverse == SyncResult.Failure)
            .ToListAsync(ct);
        return await RetryAsync(db, couplings, requestedBy, ct);
    }

    private async Task<ActionOutcome> RetryAsync(PortalDbContext db, List<Coupling> couplings, string requestedBy, CancellationToken ct)
    {
        if (couplings.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        foreach (var coupling in couplings)
            coupling.Skipped = false;
        await db.SaveChangesAsync(ct);

        var directions = await db.IntegrationTableMappings.AsNoTracking().ToDictionaryAsync(m => m.Name, m => m.Direction, ct);
        var ids = new List<Guid>();
        foreach (var group in couplings.GroupBy(c => c.MappingName))
        {
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, group.Key, new SyncRequest
            {
                MappingName = group.Key,
                Direction = directions.GetValueOrDefault(group.Key),
                LocalSystemIds = [.. group.Select(c => c.LocalSystemId)],
                DataverseIds = [.. group.Select(c => c.DataverseId)],
                Force = true,
                RequestedBy = requestedBy,
            }, requestedBy, ct);
            ids.Add(entry.Id);
        }
        return ActionOutcome.Done(CouplingActionText.Get("RetryScheduled", couplings.Count), [.. ids]);
    }

    /// <summary>Remove Coupling on error lines: schedules their uncoupling.</summary>
    public async Task<ActionOutcome> RemoveCouplingsAsync(IReadOnlyCollection<Guid> couplingIds, string requestedBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await ActionSupport.CouplingsByIdAsync(db, couplingIds, ct);
        if (couplings.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        var ids = new List<Guid>();
        foreach (var group in couplings.GroupBy(c => c.MappingName))
        {
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Uncoupling, group.Key,
                new UncoupleRequest { CouplingIds = [.. group.Select(c => c.Id)], RequestedBy = requestedBy }, requestedBy, ct);
            ids.Add(entry.Id);
        }
        return ActionOutcome.Done(CouplingActionText.Get("UncouplingScheduled"), [.. ids]);
    }

    /// <summary>
    /// Restore Records (§3.8): for each line whose one side is gone, the stale coupling is removed and the missing side is
    /// created again from the surviving one (a create job in the right direction).
    /// </summary>
    public async Task<ActionOutcome> RestoreRecordsAsync(IReadOnlyCollection<Guid> couplingIds, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await ActionSupport.CouplingsByIdAsync(db, couplingIds, ct);
        var sides = await SidesAsync(db, couplings, ct);
        var toDataverse = new List<Coupling>();
        var fromDataverse = new List<Coupling>();
        foreach (var coupling in couplings)
        {
            var (localExists, rowExists) = sides[coupling.Id];
            if (localExists && rowExists) continue;
            db.Couplings.Remove(coupling);
            if (localExists) toDataverse.Add(coupling);
            else if (rowExists) fromDataverse.Add(coupling);
        }
        await db.SaveChangesAsync(ct);
        if (toDataverse.Count + fromDataverse.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("RestoreNothing"));

        var ids = new List<Guid>();
        foreach (var group in toDataverse.GroupBy(c => c.MappingName))
            ids.Add((await queue.EnqueueAsync(IntegrationJobKind.Synchronization, group.Key, new SyncRequest
            {
                MappingName = group.Key,
                Direction = SyncDirection.ToIntegrationTable,
                LocalSystemIds = [.. group.Select(c => c.LocalSystemId)],
                SynchOnlyCoupledRecords = false,
                RequestedBy = requestedBy,
            }, requestedBy, ct)).Id);
        foreach (var group in fromDataverse.GroupBy(c => c.MappingName))
            ids.Add((await queue.EnqueueAsync(IntegrationJobKind.Synchronization, group.Key, new SyncRequest
            {
                MappingName = group.Key,
                Direction = SyncDirection.FromIntegrationTable,
                DataverseIds = [.. group.Select(c => c.DataverseId)],
                SynchOnlyCoupledRecords = false,
                RequestedBy = requestedBy,
            }, requestedBy, ct)).Id);
        return ActionOutcome.Done(CouplingActionText.Get("RestoreScheduled", toDataverse.Count + fromDataverse.Count), [.. ids]);
    }

    /// <summary>
    /// Delete Records (§3.8): deletes the surviving side of lines whose other side is gone (the local record, or the
    /// Dataverse row — which Dataverse may refuse without permission), then removes the coupling. Lines whose both
    /// sides exist are left alone.
    /// </summary>
    public async Task<ActionOutcome> DeleteRecordsAsync(IReadOnlyCollection<Guid> couplingIds, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await ActionSupport.CouplingsByIdAsync(db, couplingIds, ct);
        var sides = await SidesAsync(db, couplings, ct);
        int deleted = 0, failed = 0;
        var details = new List<string>();
        foreach (var coupling in couplings)
        {
            var (localExists, rowExists) = sides[coupling.Id];
            if (localExists && rowExists) continue;
            if (localExists)
            {
                var record = await ActionSupport.LocalRecordAsync(db, coupling.LocalTable, coupling.LocalSystemId, ct);
                if (record is not null)
                {
                    db.Remove(record);
                }
            }
            else if (rowExists)
            {
                try
                {
                    await client.DeleteAsync(MappedRows.Table(coupling.DataverseTable), coupling.DataverseId, ct: ct);
                }
                catch (DataverseException e)
                {
                    failed++;
                    details.Add($"{coupling.DataverseTable} {coupling.DataverseId}: {e.Message}");
                    continue;
                }
            }
            db.Couplings.Remove(coupling);
            deleted++;
        }
        await db.SaveChangesAsync(ct);
        return new ActionOutcome(failed == 0, CouplingActionText.Get("DeleteRecordsDone", deleted, failed), []) { Details = details };
    }

    /// <summary>
    /// Find for Deleted (§3.8), done better than BC: every coupling of every row mapping whose local record or Dataverse
    /// row no longer exists is marked Skipped, so it shows on this page (BC only looks at unidirectional mappings and
    /// only at the local side). Couplings whose both sides are gone are deleted, as BC does when it fills the page.
    /// </summary>
    public async Task<ActionOutcome> FindForDeletedAsync(CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = 0;
        // The ids alone (16 bytes each) are read once; the couplings are then checked a chunk at a time.
        var ids = await db.Couplings.AsNoTracking().Where(c => !c.Skipped && !c.DataverseCreatePending).Select(c => c.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(ActionSupport.Chunk))
        {
            var page = await db.Couplings.Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            var sides = await SidesAsync(db, page, ct);
            foreach (var coupling in page)
            {
                var (localExists, rowExists) = sides[coupling.Id];
                if (localExists && rowExists) continue;
                if (!localExists && !rowExists) db.Couplings.Remove(coupling);
                else { coupling.Skipped = true; found++; }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return ActionOutcome.Done(CouplingActionText.Get("FindForDeletedDone", found));
    }

    /// <summary>Per coupling: does its local record exist, does its Dataverse row exist (chunked queries on both sides).</summary>
    private async Task<Dictionary<Guid, (bool LocalExists, bool RowExists)>> SidesAsync(PortalDbContext db, IReadOnlyCollection<Coupling> couplings, CancellationToken ct)
    {
        var localIds = new HashSet<Guid>();
        foreach (var group in couplings.GroupBy(c => c.LocalTable))
            localIds.UnionWith(await ActionSupport.ExistingLocalIdsAsync(LocalRecordQuery.Query(db, group.Key, Filters.RecordFilter.Empty),
                group.Select(c => c.LocalSystemId), ct));
        var rowIds = new HashSet<Guid>();
        foreach (var group in couplings.GroupBy(c => c.DataverseTable))
            rowIds.UnionWith((await ActionSupport.DataverseRowsAsync(client, group.Key, group.Select(c => c.DataverseId), [], null, ct)).Keys);
        return couplings.ToDictionary(c => c.Id, c => (localIds.Contains(c.LocalSystemId), rowIds.Contains(c.DataverseId)));
    }
}
