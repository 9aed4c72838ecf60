using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Actions;

/// <summary>
/// The actions of Integration Table Mappings (bc-coupling.md §4.2, §3.4, §3.6, §3.9): Synchronize Modified Records,
/// Run Full Synchronization, the full synchronization review with BC's recommendation per mapping, and Delete
/// Couplings. Jobs for several mappings are enqueued in dependency order; the scheduler starts a mapping's job only
/// after the earlier-queued jobs of the mappings it depends on have ended.
/// </summary>
public sealed class MappingActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    DataverseConnectionState connection,
    IIntegrationJobQueue queue)
{
    /// <summary>Synchronize Modified Records for the given mappings (all enabled row mappings when none are given), in dependency order.</summary>
    public async Task<ActionOutcome> SynchronizeModifiedRecordsAsync(IReadOnlyCollection<string>? mappingNames, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mappings = await SelectedAsync(db, mappingNames, ct);
        var ids = new List<Guid>();
        foreach (var mapping in MappingDependencies.InSyncOrder(mappings))
        {
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name,
                new SyncRequest { MappingName = mapping.Name, RequestedBy = requestedBy }, requestedBy, ct);
            ids.Add(entry.Id);
        }
        return ids.Count == 0
            ? ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"))
            : ActionOutcome.Done(CouplingActionText.Get("ModifiedScheduled", ids.Count), [.. ids]);
    }

    /// <summary>
    /// Run Full Synchronization on one mapping (§3.6 flavour 2): clears both watermarks and the delta link, then
    /// schedules a run over every record in the filters (coupled records unchanged since their last sync stay Unchanged;
    /// uncoupled ones are created only when Synch. Only Coupled Records is off).
    /// </summary>
    public async Task<ActionOutcome> RunFullSynchronizationAsync(string mappingName, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.FirstOrDefaultAsync(m => m.Name == mappingName, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", mappingName));
        (mapping.LocalModifiedWatermark, mapping.DataverseModifiedOnWatermark, mapping.DataverseDeltaLink) = (null, null, null);
        await db.SaveChangesAsync(ct);
        var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name,
            new SyncRequest { MappingName = mapping.Name, FullSynchronization = true, RequestedBy = requestedBy }, requestedBy, ct);
        return ActionOutcome.Done(CouplingActionText.Get("SynchronizationScheduled"), entry.Id);
    }

    /// <summary>
    /// The full synchronization review (§3.6 flavour 1): one line per enabled mapping in dependency order, with BC's
    /// recommendation from the record counts on both sides (after the filters).
    /// </summary>
    public async Task<IReadOnlyList<FullSyncReviewLine>> GetFullSynchronizationReviewAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mappings = await SelectedAsync(db, null, ct);
        var couplingCounts = await db.Couplings.GroupBy(c => c.MappingName).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var optionCounts = await db.OptionCouplings.GroupBy(c => c.MappingName).Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var lines = new List<FullSyncReviewLine>();
        foreach (var mapping in MappingDependencies.InSyncOrder(mappings))
        {
            var local = await LocalRecordQuery.ForMapping(db, mapping).LongCountAsync(ct);
            var isOption = mapping.Kind == MappingKind.Option;
            long rows = isOption ? 0 : await client.CountAsync(MappedRows.Table(mapping), IntegrationTableFilterTranslator.ToDataverseFilter(mapping), ct);
            var recommendation = mapping.Name switch
            {
                DefaultMappings.Salespeople => FullSyncRecommendation.FullSynchronization,
                DefaultMappings.Currency => await OnlyBaseCurrencyAsync(ct) ? FullSyncRecommendation.FullSynchronization : FullSyncRecommendation.CoupleRecords,
                _ when isOption => local > 0 ? FullSyncRecommendation.CoupleRecords : FullSyncRecommendation.NoRecordsFound,
                _ when local == 0 && rows == 0 => FullSyncRecommendation.NoRecordsFound,
                _ when local > 0 && rows > 0 => FullSyncRecommendation.CoupleRecords,
                _ => FullSyncRecommendation.FullSynchronization,
            };
            var couplings = (isOption ? optionCounts : couplingCounts).GetValueOrDefault(mapping.Name);
            lines.Add(new FullSyncReviewLine(mapping.Name, mapping.Direction, mapping.Dependencies, recommendation, local, rows, couplings));
        }
        return lines;
    }

    /// <summary>
    /// Starts the reviewed lines (§3.6 "Sync All") in dependency order: Full Synchronization lines run with Synch. Only
    /// Coupled Records off and no watermarks, Couple Records lines run match-based coupling with the mapping's criteria
    /// (then synchronize the new couplings), No Records Found lines do nothing.
    /// </summary>
    public async Task<ActionOutcome> StartFullSynchronizationAsync(IReadOnlyList<FullSyncReviewLine> lines, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chosen = lines.Where(l => l.Recommendation != FullSyncRecommendation.NoRecordsFound).ToDictionary(l => l.MappingName);
        var mappings = await db.IntegrationTableMappings.Where(m => chosen.Keys.Contains(m.Name)).ToListAsync(ct);
        var ids = new List<Guid>();
        foreach (var mapping in MappingDependencies.InSyncOrder(mappings))
        {
            IntegrationJobRequest entry;
            if (chosen[mapping.Name].Recommendation == FullSyncRecommendation.CoupleRecords)
            {
                entry = await queue.EnqueueAsync(IntegrationJobKind.MatchBasedCoupling, mapping.Name,
                    new MatchRequest { MappingName = mapping.Name, SynchronizeAfterCoupling = true, RequestedBy = requestedBy }, requestedBy, ct);
            }
            else
            {
                (mapping.LocalModifiedWatermark, mapping.DataverseModifiedOnWatermark, mapping.DataverseDeltaLink) = (null, null, null);
                entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
                {
                    MappingName = mapping.Name,
                    FullSynchronization = true,
                    SynchOnlyCoupledRecords = false,
                    RequestedBy = requestedBy,
                }, requestedBy, ct);
            }
            ids.Add(entry.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids.Count == 0
            ? ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"))
            : ActionOutcome.Done(CouplingActionText.Get("FullSyncScheduled", ids.Count), [.. ids]);
    }

    /// <summary>Delete Couplings of whole mappings (§3.9), after the page's confirmation: one uncoupling job per mapping.</summary>
    public async Task<ActionOutcome> DeleteCouplingsAsync(IReadOnlyCollection<string> mappingNames, string requestedBy, CancellationToken ct = default)
    {
        if (mappingNames.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.IntegrationTableMappings.Where(m => mappingNames.Contains(m.Name)).Select(m => m.Name).ToListAsync(ct);
        var ids = new List<Guid>();
        foreach (var name in known)
        {
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Uncoupling, name,
                new UncoupleRequest { MappingNames = [name], RequestedBy = requestedBy }, requestedBy, ct);
            ids.Add(entry.Id);
        }
        return ids.Count == 0
            ? ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"))
            : ActionOutcome.Done(CouplingActionText.Get("UncouplingScheduledMappings", ids.Count), [.. ids]);
    }

    private static async Task<List<IntegrationTableMapping>> SelectedAsync(PortalDbContext db, IReadOnlyCollection<string>? names, CancellationToken ct)
    {
        var query = db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).AsQueryable();
        query = names is { Count: > 0 } ? query.Where(m => names.Contains(m.Name)) : query.Where(m => m.Enabled);
        return await query.ToListAsync(ct);
    }

    /// <summary>BC's CURRENCY rule: Dataverse holds only its base currency (exchange rate 1).</summary>
    private async Task<bool> OnlyBaseCurrencyAsync(CancellationToken ct)
    {
        var rows = await client.QueryAsync(DataverseQuery.From(DataverseTable.TransactionCurrencies).Select("exchangerate").Top(2), ct: ct).ToListAsync(ct);
        return rows.Count == 1 && rows[0].GetDecimal("exchangerate") == 1m;
    }
}
