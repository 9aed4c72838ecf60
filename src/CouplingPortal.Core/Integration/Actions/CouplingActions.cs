using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
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
/// The card and list actions of bc-coupling.md §3.2–3.7 and §3.9, one method per user action. Each checks what BC
/// checks, answers in the user's language, and leaves the long work to a queued job (a click only enqueues).
/// </summary>
public sealed class CouplingActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    DataverseConnectionState connection,
    IIntegrationJobQueue queue,
    ISynchronizationEngine engine,
    IMatchBasedCoupling matcher,
    TimeProvider clock)
{
    /// <summary>What a card shows about the record's coupling, and which Dataverse actions apply.</summary>
    public async Task<RecordCouplingStatus> GetStatusAsync(LocalTable table, Guid systemId, CancellationToken ct = default)
    {
        var enabled = await connection.IsEnabledAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null)
            return new RecordCouplingStatus(enabled, null, null, false, null, null, null, null, SyncResult.None, SyncResult.None, null, false);

        var passes = await LocalRecordQuery.ForMapping(db, mapping).AnyAsync(r => r.SystemId == systemId, ct);
        var coupling = await db.Couplings.AsNoTracking().FirstOrDefaultAsync(c => c.LocalTable == table && c.LocalSystemId == systemId, ct);
        if (coupling is null)
            return new RecordCouplingStatus(enabled, mapping.Name, mapping.Direction, passes, null, null, null, null, SyncResult.None, SyncResult.None, null, false);

        List<Guid> jobIds = [.. new[] { coupling.LastJobIdToDataverse, coupling.LastJobIdFromDataverse }.OfType<Guid>()];
        var lastSync = await db.IntegrationSynchJobs.AsNoTracking()
            .Where(j => jobIds.Contains(j.Id) && j.FinishedAt != null).MaxAsync(j => j.FinishedAt, ct);
        var lastError = coupling.LastResultToDataverse == SyncResult.Failure ? coupling.LastErrorToDataverse
            : coupling.LastResultFromDataverse == SyncResult.Failure ? coupling.LastErrorFromDataverse : null;
        return new RecordCouplingStatus(enabled, mapping.Name, mapping.Direction, passes, coupling.Id, coupling.DataverseTable, coupling.DataverseId,
            lastSync, coupling.LastResultToDataverse, coupling.LastResultFromDataverse, lastError, coupling.Skipped);
    }

    /// <summary>
    /// The Dataverse rows of a table's mapping for the Set Up Coupling lookup (its integration table filter applies),
    /// by name: rows whose name contains <paramref name="text"/>, with their coupled state; Hide Coupled leaves coupled
    /// rows out. At most <paramref name="top"/> rows.
    /// </summary>
    public async Task<IReadOnlyList<DataverseRowChoice>> SearchDataverseAsync(LocalTable table, string? text, bool hideCoupled, int top = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null) return [];
        return await SearchRowsAsync(db, mapping, text, hideCoupled, top, ct);
    }

    /// <summary>The same lookup for a named mapping (the Dataverse-side lists: accounts, contacts, products).</summary>
    public async Task<IReadOnlyList<DataverseRowChoice>> SearchDataverseAsync(string mappingName, string? text, bool hideCoupled, int top = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingAsync(db, mappingName, ct);
        if (mapping is null) return [];
        return await SearchRowsAsync(db, mapping, text, hideCoupled, top, ct);
    }

    private async Task<IReadOnlyList<DataverseRowChoice>> SearchRowsAsync(PortalDbContext db, IntegrationTableMapping mapping, string? text, bool hideCoupled,
        int top, CancellationToken ct)
    {
        var dvTable = MappedRows.Table(mapping);
        var nameColumn = MappedRows.NameColumn(mapping.DataverseTable);
        var query = MappedRows.Query(mapping);
        if (nameColumn is not null)
        {
            query = query.OrderBy(nameColumn);
            if (!string.IsNullOrWhiteSpace(text))
                query = query.Where(Filter.Contains(nameColumn, text.Trim()));
        }

        var result = new List<DataverseRowChoice>();
        var pages = 0;
        await foreach (var page in client.QueryPagesAsync(query, pageSize: Math.Max(top, 50), ct))
        {
            var ids = page.Rows.Select(r => r.GetId(dvTable)).ToList();
            var coupled = await db.Couplings.AsNoTracking()
                .Where(c => c.DataverseTable == mapping.DataverseTable && ids.Contains(c.DataverseId))
                .ToDictionaryAsync(c => c.DataverseId, c => c.LocalSystemId, ct);
            foreach (var row in page.Rows)
            {
                var id = row.GetId(dvTable);
                var isCoupled = coupled.TryGetValue(id, out var local);
                if (hideCoupled && isCoupled) continue;
                var name = nameColumn is null ? id.ToString() : row.GetString(nameColumn) ?? "";
                var detail = row.GetString("address1_city") ?? row.GetString("emailaddress1") ?? row.GetString("productnumber") ?? row.GetString("isocurrencycode");
                result.Add(new DataverseRowChoice(id, name, detail, isCoupled, isCoupled ? local : null));
                if (result.Count >= top) return result;
            }
            // A lookup shows the first matches; it does not page through a whole table to fill itself.
            if (++pages >= 10) break;
        }
        // BC's lookup: an exact name first, then the rest in name order.
        return [.. result.OrderBy(r => string.Equals(r.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase) ? 0 : 1)];
    }

    /// <summary>
    /// Set Up Coupling (§3.2): couples the record with the chosen Dataverse row after BC's checks (the record in the table
    /// filter, the row in the integration table filter, the row not coupled to another existing record — a coupling to a
    /// record that no longer exists is removed), replacing the record's earlier coupling; optionally schedules the first
    /// synchronization. Create New schedules the creation of a new row instead (§3.3).
    /// </summary>
    public async Task<ActionOutcome> SetUpCouplingAsync(LocalTable table, Guid systemId, Guid? dataverseId, bool createNew,
        SynchronizeAfterCoupling synchronizeAfter, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", IntegrationText.TableCaption(table)));
        var record = await ActionSupport.LocalRecordAsync(db, table, systemId, ct);
        if (record is null)
            return ActionOutcome.Refused(CouplingActionText.Get("RecordNotFound"));
        var description = MappedRows.Describe(table, record);
        if (!await LocalRecordQuery.ForMapping(db, mapping).AnyAsync(r => r.SystemId == systemId, ct))
            return ActionOutcome.Refused(CouplingActionText.Get("OutsideTableFilter", description, mapping.Name));

        if (createNew)
        {
            if (!ActionSupport.SendsToDataverse(mapping.Direction))
                return ActionOutcome.Refused(CouplingActionText.Get("CreateNewNotAllowed", mapping.Name));
            return await CreateInDataverseAsync(table, [systemId], requestedBy, ct);
        }
        if (dataverseId is not { } rowId || rowId == Guid.Empty)
            return ActionOutcome.Refused(CouplingActionText.Get("ChooseDataverseRow"));

        var dvTable = MappedRows.Table(mapping);
        var rows = await ActionSupport.DataverseRowsAsync(client, mapping.DataverseTable, [rowId], MappedRows.Columns(mapping),
            Filters.IntegrationTableFilterTranslator.ToDataverseFilter(mapping), ct);
        if (!rows.TryGetValue(rowId, out var row))
        {
            var exists = await client.RetrieveAsync(dvTable, rowId, [dvTable.PrimaryKey], ct) is not null;
            return ActionOutcome.Refused(exists
                ? CouplingActionText.Get("OutsideIntegrationFilter", mapping.Name, rowId)
                : CouplingActionText.Get("DataverseRowNotFound", rowId));
        }
        var rowDescription = MappedRows.Describe(mapping.DataverseTable, row, rowId);

        var other = await db.Couplings.FirstOrDefaultAsync(c => c.DataverseTable == mapping.DataverseTable && c.DataverseId == rowId
            && !(c.LocalTable == table && c.LocalSystemId == systemId), ct);
        if (other is not null)
        {
            if (await ActionSupport.LocalRecordAsync(db, other.LocalTable, other.LocalSystemId, ct) is { } otherRecord)
                return ActionOutcome.Refused(CouplingActionText.Get("AlreadyCoupledToOther", description, rowDescription, MappedRows.Describe(other.LocalTable, otherRecord)));
            db.Couplings.Remove(other); // BC: a coupling whose record no longer exists is stale and goes
        }

        var existing = await db.Couplings.FirstOrDefaultAsync(c => c.LocalTable == table && c.LocalSystemId == systemId, ct);
        if (existing is not null && existing.DataverseId != rowId)
        {
            db.Couplings.Remove(existing);
            existing = null;
        }
        if (existing is null)
        {
            db.Couplings.Add(new Coupling
            {
                Id = Guid.NewGuid(),
                MappingName = mapping.Name,
                LocalTable = table,
                LocalSystemId = systemId,
                DataverseTable = mapping.DataverseTable,
                DataverseId = rowId,
                CoupledAt = clock.GetUtcNow().UtcDateTime,
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another user coupled the row or the record between the checks and the save; the unique indexes refused it.
            return ActionOutcome.Refused(CouplingActionText.Get("AlreadyCoupled"));
        }

        var message = CouplingActionText.Get("CoupledTo", description, rowDescription);
        if (synchronizeAfter == SynchronizeAfterCoupling.No)
            return ActionOutcome.Done(message);
        var direction = synchronizeAfter == SynchronizeAfterCoupling.UseLocalData ? SyncDirection.ToIntegrationTable : SyncDirection.FromIntegrationTable;
        var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
        {
            MappingName = mapping.Name,
            Direction = direction,
            LocalSystemIds = [systemId],
            DataverseIds = [rowId],
            Force = true,
            RequestedBy = requestedBy,
        }, requestedBy, ct);
        return ActionOutcome.Done(message + " " + CouplingActionText.Get("SynchronizationScheduled"), entry.Id);
    }

    /// <summary>
    /// Create in Dataverse (§3.3) for a selection: records already coupled to an existing row are skipped, couplings to
    /// deleted rows are removed, and one job creates and couples the rest.
    /// </summary>
    public async Task<ActionOutcome> CreateInDataverseAsync(LocalTable table, IReadOnlyCollection<Guid> systemIds, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        if (systemIds.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", IntegrationText.TableCaption(table)));
        if (!ActionSupport.SendsToDataverse(mapping.Direction))
            return ActionOutcome.Refused(CouplingActionText.Get("CreateNewNotAllowed", mapping.Name));

        var inFilter = await ActionSupport.ExistingLocalIdsAsync(LocalRecordQuery.ForMapping(db, mapping), systemIds, ct);
        var couplings = await ActionSupport.CouplingsOfLocalAsync(db, table, inFilter, tracked: true, ct);
        var alive = await ActionSupport.DataverseRowsAsync(client, mapping.DataverseTable, couplings.Select(c => c.DataverseId), [], null, ct);
        var stale = couplings.Where(c => !alive.ContainsKey(c.DataverseId) && !c.DataverseCreatePending).ToList();
        db.Couplings.RemoveRange(stale);
        await db.SaveChangesAsync(ct);
        var coupled = couplings.Except(stale).Select(c => c.LocalSystemId).ToHashSet();
        var toCreate = inFilter.Where(id => !coupled.Contains(id)).ToList();
        if (toCreate.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("AlreadyCoupled"));

        var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
        {
            MappingName = mapping.Name,
            Direction = SyncDirection.ToIntegrationTable,
            LocalSystemIds = toCreate,
            SynchOnlyCoupledRecords = false,
            RequestedBy = requestedBy,
        }, requestedBy, ct);
        return ActionOutcome.Done(CouplingActionText.Get("CreateScheduled", toCreate.Count, systemIds.Count, coupled.Count), entry.Id);
    }

    /// <summary>
    /// Create in the portal from Dataverse rows (§3.3): each row goes to the mapping of its table whose integration
    /// table filter includes it (an account of type 3 to CUSTOMER, 11 to VENDOR); coupled rows are skipped.
    /// </summary>
    public async Task<ActionOutcome> CreateFromDataverseAsync(string dataverseTable, IReadOnlyCollection<Guid> dataverseIds, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        if (dataverseIds.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var coupled = new HashSet<Guid>();
        foreach (var chunk in dataverseIds.Distinct().Chunk(ActionSupport.Chunk))
            coupled.UnionWith(await db.Couplings.AsNoTracking().Where(c => c.DataverseTable == dataverseTable && chunk.Contains(c.DataverseId)).Select(c => c.DataverseId).ToListAsync(ct));
        var remaining = dataverseIds.Where(id => !coupled.Contains(id)).ToHashSet();

        var mappings = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .Where(m => m.DataverseTable == dataverseTable && m.Kind == MappingKind.Table).OrderBy(m => m.Name).ToListAsync(ct);
        if (mappings.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("OpenUnknownTable", dataverseTable));
        var entries = new List<Guid>();
        var scheduled = 0;
        foreach (var mapping in mappings.Where(m => ActionSupport.GetsFromDataverse(m.Direction)))
        {
            if (remaining.Count == 0) break;
            var rows = await ActionSupport.DataverseRowsAsync(client, dataverseTable, remaining, [], Filters.IntegrationTableFilterTranslator.ToDataverseFilter(mapping), ct);
            if (rows.Count == 0) continue;
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
            {
                MappingName = mapping.Name,
                Direction = SyncDirection.FromIntegrationTable,
                DataverseIds = [.. rows.Keys],
                SynchOnlyCoupledRecords = false,
                RequestedBy = requestedBy,
            }, requestedBy, ct);
            entries.Add(entry.Id);
            scheduled += rows.Count;
            remaining.ExceptWith(rows.Keys);
        }
        if (scheduled == 0)
            return ActionOutcome.Refused(coupled.Count > 0 ? CouplingActionText.Get("AlreadyCoupled") : CouplingActionText.Get("OpenOutsideFilters", dataverseTable, dataverseTable));
        return ActionOutcome.Done(CouplingActionText.Get("CreateLocalScheduled", scheduled, dataverseIds.Count, coupled.Count), [.. entries]);
    }

    /// <summary>For the Synchronize Now prompt: which side changed, conflicts, differing fields and the recommended direction.</summary>
    public async Task<RecordSyncInspection?> InspectAsync(LocalTable table, Guid systemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        return mapping is null ? null : await engine.InspectAsync(mapping.Name, systemId, ct);
    }

    /// <summary>
    /// Synchronize Now for one coupled record (§3.5) in the direction the user chose (Bidirectional = Merge): clears
    /// Skipped, then schedules a run for just this pair that compares every mapped field.
    /// </summary>
    public async Task<ActionOutcome> SynchronizeNowAsync(LocalTable table, Guid systemId, SyncDirection direction, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", IntegrationText.TableCaption(table)));
        var record = await ActionSupport.LocalRecordAsync(db, table, systemId, ct);
        if (record is null)
            return ActionOutcome.Refused(CouplingActionText.Get("RecordNotFound"));
        var coupling = await db.Couplings.FirstOrDefaultAsync(c => c.LocalTable == table && c.LocalSystemId == systemId, ct);
        if (coupling is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NotCoupled", MappedRows.Describe(table, record)));
        if (mapping.Direction != SyncDirection.Bidirectional)
            direction = mapping.Direction;
        if (coupling.Skipped)
        {
            coupling.Skipped = false;
            await db.SaveChangesAsync(ct);
        }

        var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
        {
            MappingName = mapping.Name,
            Direction = direction,
            LocalSystemIds = [systemId],
            DataverseIds = [coupling.DataverseId],
            Force = true,
            RequestedBy = requestedBy,
        }, requestedBy, ct);
        return ActionOutcome.Done(CouplingActionText.Get("SynchronizationScheduled"), entry.Id);
    }

    /// <summary>
    /// Synchronize Now for a list selection (§3.5): Send or Get only. Skips records that are not coupled, marked Skipped,
    /// or whose destination changed since the last synchronization (which protects it from a silent overwrite), and
    /// schedules one job for the rest. The details list the skipped records and why.
    /// </summary>
    public async Task<ActionOutcome> SynchronizeSelectionAsync(LocalTable table, IReadOnlyCollection<Guid> systemIds, SyncDirection direction, string requestedBy,
        CancellationToken ct = default)
    {
        if (direction == SyncDirection.Bidirectional)
            throw new ArgumentException("A selection is sent or got, not merged.", nameof(direction));
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        if (systemIds.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingSelected"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await ActionSupport.MappingForAsync(db, table, null, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", IntegrationText.TableCaption(table)));
        if (mapping.Direction != SyncDirection.Bidirectional)
            direction = mapping.Direction;

        var records = (await LocalRecordQuery.LoadAsync(LocalRecordQuery.ForMapping(db, mapping), systemIds, ct)).ToDictionary(r => r.SystemId);
        var couplings = (await ActionSupport.CouplingsOfLocalAsync(db, table, systemIds, tracked: false, ct)).ToDictionary(c => c.LocalSystemId);
        var rows = direction == SyncDirection.ToIntegrationTable
            ? await ActionSupport.DataverseRowsAsync(client, mapping.DataverseTable, couplings.Values.Select(c => c.DataverseId), ["modifiedon"], null, ct)
            : [];
        var reasons = new List<string>();
        var selected = new List<Coupling>();
        foreach (var id in systemIds.Distinct())
        {
            if (!records.TryGetValue(id, out var record))
            {
                reasons.Add(CouplingActionText.Get("RecordNotFound"));
                continue;
            }
            var name = MappedRows.Describe(table, record);
            if (!couplings.TryGetValue(id, out var coupling)) { reasons.Add(CouplingActionText.Get("SkipNotCoupled", name)); continue; }
            if (coupling.Skipped) { reasons.Add(CouplingActionText.Get("SkipSkipped", name)); continue; }
            if (direction == SyncDirection.ToIntegrationTable)
            {
                if (!rows.TryGetValue(coupling.DataverseId, out var row)) { reasons.Add(CouplingActionText.Get("SkipDataverseGone", name)); continue; }
                if (row.GetDateTime("modifiedon") > coupling.LastSyncedDataverseModifiedOn) { reasons.Add(CouplingActionText.Get("SkipDataverseChanged", name)); continue; }
            }
            else if (record.SystemModifiedAt > coupling.LastSyncedLocalModifiedAt)
            {
                reasons.Add(CouplingActionText.Get("SkipLocalChanged", name));
                continue;
            }
            selected.Add(coupling);
        }

        if (selected.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("SelectionSkipped")) with { Details = reasons };
        var entry = await queue.EnqueueAsync(IntegrationJobKind.Synchronization, mapping.Name, new SyncRequest
        {
            MappingName = mapping.Name,
            Direction = direction,
            LocalSystemIds = [.. selected.Select(c => c.LocalSystemId)],
            DataverseIds = [.. selected.Select(c => c.DataverseId)],
            Force = true,
            SkipIfDestinationChanged = true,
            RequestedBy = requestedBy,
        }, requestedBy, ct);
        return ActionOutcome.Done(CouplingActionText.Get("SelectionScheduled", selected.Count, systemIds.Count, 0, systemIds.Count - selected.Count), entry.Id)
            with { Details = reasons };
    }

    /// <summary>
    /// The preview of match-based coupling (§3.7): what would be coupled, created and left unmatched, and why. Runs the
    /// matcher as a dry run (it reads the candidate rows once) and stores nothing but the dry-run job.
    /// </summary>
    public async Task<MatchResult> PreviewMatchBasedCouplingAsync(MatchRequest request, CancellationToken ct = default) =>
        await matcher.RunAsync(request with { DryRun = true }, null, ct);

    /// <summary>
    /// Match-Based Coupling (§3.7): saves the criteria on the mapping's field mappings (as BC's criteria page does),
    /// leaves out the selected records that are already coupled, and schedules the coupling job.
    /// </summary>
    public async Task<ActionOutcome> ScheduleMatchBasedCouplingAsync(MatchRequest request, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return ActionOutcome.Refused(CouplingActionText.Get("ConnectionDisabled"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.Include(m => m.FieldMappings).FirstOrDefaultAsync(m => m.Name == request.MappingName, ct);
        if (mapping is null)
            return ActionOutcome.Refused(CouplingActionText.Get("NoMapping", request.MappingName));

        if (request.Criteria is { } criteria)
        {
            if (criteria.Count == 0)
                return ActionOutcome.Refused(CouplingActionText.Get("NoMatchCriteria"));
            foreach (var criterion in criteria)
            {
                if (!mapping.FieldMappings.Any(f => f.LocalField == criterion.LocalField && f.DataverseColumn == criterion.DataverseColumn))
                    return ActionOutcome.Refused(CouplingActionText.Get("MatchFieldUnknown", criterion.LocalField, mapping.Name));
            }
            foreach (var field in mapping.FieldMappings)
            {
                var criterion = criteria.FirstOrDefault(c => c.LocalField == field.LocalField && c.DataverseColumn == field.DataverseColumn);
                field.UseForMatchBasedCoupling = criterion is not null;
                field.CaseSensitiveMatching = criterion?.CaseSensitive ?? false;
                field.MatchPriority = criterion?.Priority ?? 0;
            }
        }
        else if (!mapping.FieldMappings.Any(f => f.UseForMatchBasedCoupling))
        {
            return ActionOutcome.Refused(CouplingActionText.Get("NoMatchCriteria"));
        }
        if (request.CreateNewIfNoMatch is { } createNew) mapping.CreateNewInCaseOfNoMatch = createNew;
        if (request.SynchronizeAfterCoupling is { } syncAfter) mapping.SynchronizeAfterMatchBasedCoupling = syncAfter;
        if (request.UpdateConflictResolution is { } resolution) mapping.UpdateConflictResolution = resolution;
        await db.SaveChangesAsync(ct);

        var selection = request.LocalSystemIds;
        if (selection.Count > 0)
        {
            var coupled = (await ActionSupport.CouplingsOfLocalAsync(db, mapping.LocalTable, selection, tracked: false, ct)).Select(c => c.LocalSystemId).ToHashSet();
            selection = [.. selection.Where(id => !coupled.Contains(id))];
            if (selection.Count == 0)
                return ActionOutcome.Refused(CouplingActionText.Get("NothingToMatch"));
        }
        var entry = await queue.EnqueueAsync(IntegrationJobKind.MatchBasedCoupling, mapping.Name,
            request with { LocalSystemIds = selection, DryRun = false }, request.RequestedBy, ct);
        return ActionOutcome.Done(CouplingActionText.Get("MatchScheduled"), entry.Id);
    }

    /// <summary>Delete Coupling on a card or a list selection (§3.9): schedules the uncoupling of the coupled ones.</summary>
    public async Task<ActionOutcome> DeleteCouplingAsync(LocalTable table, IReadOnlyCollection<Guid> systemIds, string requestedBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await ActionSupport.CouplingsOfLocalAsync(db, table, systemIds, tracked: false, ct);
        if (couplings.Count == 0)
            return ActionOutcome.Refused(CouplingActionText.Get("NothingToUncouple"));
        var ids = new List<Guid>();
        foreach (var group in couplings.GroupBy(c => c.MappingName))
        {
            var entry = await queue.EnqueueAsync(IntegrationJobKind.Uncoupling, group.Key, new UncoupleRequest
            {
                MappingName = group.Key,
                LocalSystemIds = [.. group.Select(c => c.LocalSystemId)],
                RequestedBy = requestedBy,
            }, requestedBy, ct);
            ids.Add(entry.Id);
        }
        return ActionOutcome.Done(CouplingActionText.Get("UncouplingScheduled"), [.. ids]);
    }
}
