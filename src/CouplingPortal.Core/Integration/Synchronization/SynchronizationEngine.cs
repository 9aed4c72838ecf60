using System.Reflection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Validation;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CouplingPortal.Core.Integration.Mappings.SyncDirection;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>Points in a run where tests inject a crash (the abort-after-create test).</summary>
internal enum SyncStage
{
    /// <summary>The Dataverse writes of a chunk (or record) were sent; their results are not stored yet.</summary>
    AfterDataverseWrite,
}

/// <summary>
/// The synchronization core (bc-coupling.md §3.1, §3.4; issue 4 items 5, 7, 8). A run of a mapping makes one
/// <see cref="IntegrationSynchJob"/> per direction, To first. Records are processed in chunks: the chunk's couplings,
/// local records and coupled Dataverse rows are loaded with one query each, planned in memory, written to Dataverse
/// through $batch and stored with one save, so a run costs a few requests and queries per thousand records.
/// <para>
/// Watermarks: each pass moves its watermark to the latest modified stamp it read (including records it did not
/// process, as BC does), capped at the run's start, only forward, and only after every chunk is stored. Records that
/// failed — transiently or not — keep a coupling whose last result is Failure (an insert keeps its pending coupling), and
/// such couplings are read first on the next run whatever the watermark says, so moving past them loses nothing.
/// </para>
/// </summary>
public sealed class SynchronizationEngine(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    TimeProvider clock,
    IOptions<SynchronizationOptions> options,
    ILogger<SynchronizationEngine> logger) : ISynchronizationEngine
{
    private static readonly string[] ModifiedOnColumn = ["modifiedon"];
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

    /// <summary>Tests only: called at <see cref="SyncStage"/> points; throwing there simulates a crash.</summary>
    internal Func<SyncStage, CancellationToken, Task>? StageHook { get; set; }

    private SynchronizationOptions Options => options.Value;

    private bool PerRecord => Options.WriteMode == SyncWriteMode.PerRecord;

    private int ChunkSize => PerRecord ? 1 : Options.ChunkSize;

    public async Task<SyncRunResult> RunAsync(SyncRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = clock.GetUtcNow().UtcDateTime;
        IntegrationTableMapping mapping;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            mapping = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
                .FirstOrDefaultAsync(m => m.Name == request.MappingName, ct)
                ?? throw new ArgumentException(SyncText.Message("MappingNotFound", request.MappingName), nameof(request));
        }
        mapping.FieldMappings.Sort((a, b) => a.LineNo.CompareTo(b.LineNo));

        var run = new Run(mapping, request, start, progress);
        var direction = request.Direction ?? mapping.Direction;
        if (mapping.Kind == MappingKind.Option)
            direction = ToIntegrationTable;
        var jobs = new List<IntegrationSynchJob>();
        if (mapping.Direction != Bidirectional && direction != mapping.Direction)
        {
            var refused = await StartJobAsync(run, direction, ct);
            jobs.Add(refused);
            await FinishJobAsync(refused, IntegrationJobStatus.Failed, SyncText.Message("DirectionNotAllowed", mapping.Name, SyncText.Direction(direction)), ct);
            return new SyncRunResult(jobs, run.Lines);
        }

        SyncDirection[] passes = direction == Bidirectional ? [ToIntegrationTable, FromIntegrationTable] : [direction];
        foreach (var pass in passes)
        {
            var job = await StartJobAsync(run, pass, ct);
            jobs.Add(job);
            try
            {
                var fields = mapping.FieldMappings.Where(f => f.AppliesTo(pass)).ToList();
                if (fields.Count == 0)
                {
                    await FinishJobAsync(job, IntegrationJobStatus.Failed, SyncText.Message("NoFieldMappings", mapping.Name, SyncText.Direction(pass)), ct);
                    continue;
                }
                if (mapping.Kind == MappingKind.Option)
                    await new OptionSynchronization(dbFactory, client, clock).RunAsync(mapping, request, job, run.Lines, ct);
                else if (pass == ToIntegrationTable)
                    await ToDataverseAsync(run, job, fields, ct);
                else
                    await FromDataverseAsync(run, job, fields, ct);
                await FinishJobAsync(job, IntegrationJobStatus.Finished,
                    SyncText.Message("JobSummary", job.Inserted, job.Modified, job.Unchanged, job.Skipped, job.Failed), ct);
                logger.LogInformation("Synchronized {Mapping} {Direction}: {Inserted} inserted, {Modified} modified, {Unchanged} unchanged, {Skipped} skipped, {Failed} failed in {Seconds:F2} s ({Stages})",
                    mapping.Name, pass, job.Inserted, job.Modified, job.Unchanged, job.Skipped, job.Failed, (job.FinishedAt - job.StartedAt)?.TotalSeconds,
                    string.Join(", ", run.Stages.Select(s => $"{s.Key} {s.Value.TotalSeconds:F2} s")));
                run.Stages.Clear();
            }
            catch (OperationCanceledException)
            {
                await FinishJobAsync(job, IntegrationJobStatus.Failed, SyncText.Message("JobCancelled"), CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Synchronization of {Mapping} {Direction} stopped", mapping.Name, pass);
                await FinishJobAsync(job, IntegrationJobStatus.Failed, Truncate(SyncText.Message("JobFailed", e.Message), 2048), CancellationToken.None);
                throw;
            }
        }
        return new SyncRunResult(jobs, run.Lines);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Local → Dataverse
    // ---------------------------------------------------------------------------------------------------------------

    private async Task ToDataverseAsync(Run run, IntegrationSynchJob job, List<IntegrationFieldMapping> fields, CancellationToken ct)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        List<Guid> ids;
        DateTime? latestSeen = null;
        LookupCache lookups;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            lookups = await LookupCache.LoadAsync(db, fields, ct);
            if (request.HasSelection)
            {
                ids = [.. request.LocalSystemIds];
                if (request.DataverseIds.Count > 0)
                {
                    foreach (var chunk in request.DataverseIds.Distinct().Chunk(1000))
                        ids.AddRange(await db.Couplings.AsNoTracking()
                            .Where(c => c.LocalTable == mapping.LocalTable && c.DataverseTable == mapping.DataverseTable && chunk.Contains(c.DataverseId))
                            .Select(c => c.LocalSystemId).ToListAsync(ct));
                }
            }
            else
            {
                // Failed-not-skipped couplings first (and inserts that never completed), then what changed since the watermark.
                var retry = await RetryToDataverse(db, mapping).ToListAsync(ct);
                var query = LocalRecordQuery.ForMapping(db, mapping);
                if (!request.FullSynchronization && mapping.LocalModifiedWatermark is { } watermark)
                    query = query.Where(r => r.SystemModifiedAt > watermark);
                var modified = await query.OrderBy(r => r.SystemModifiedAt).Select(r => new { r.SystemId, r.SystemModifiedAt }).ToListAsync(ct);
                if (modified.Count > 0)
                    latestSeen = modified[^1].SystemModifiedAt;
                ids = [.. retry, .. modified.Select(m => m.SystemId)];
            }
        }
        ids = [.. ids.Distinct()];

        var processed = 0;
        run.Report(0, ids.Count);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            await ToChunkAsync(run, job, fields, lookups, chunk, ct);
            processed += chunk.Length;
            run.Report(processed, ids.Count);
        }

        if (!request.DryRun && !request.HasSelection && latestSeen is { } seen)
            await AdvanceWatermarkAsync(mapping.Name, local: Min(seen, run.Start), dataverse: null, ct);
    }

    private async Task ToChunkAsync(Run run, IntegrationSynchJob job, List<IntegrationFieldMapping> fields, LookupCache lookups, Guid[] ids, CancellationToken ct)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        var table = MappedRows.Table(mapping);
        var watch = run.Stage();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await LocalRecordQuery.LoadAsync(LocalRecordQuery.ForMapping(db, mapping), ids, ct, chunkSize: Math.Max(ids.Length, 1));
        if (records.Count == 0) return;
        var recordIds = records.Select(r => r.SystemId).ToArray();
        var couplings = await db.Couplings.AsNoTracking()
            .Where(c => c.LocalTable == mapping.LocalTable && recordIds.Contains(c.LocalSystemId))
            .ToDictionaryAsync(c => c.LocalSystemId, ct);
        run.Add("local reads", watch);
        var coupledIds = couplings.Values.Where(c => c.DataverseTable == mapping.DataverseTable).Select(c => c.DataverseId).ToList();
        Dictionary<Guid, DataverseRow> rows;
        DataverseException? readError = null;
        try
        {
            rows = await RetrieveByIdsAsync(table, MappedRows.Columns(mapping), coupledIds, ct);
        }
        catch (DataverseException e)
        {
            // The chunk's coupled rows could not be read: its coupled records fail (transiently for 429/5xx) and come back next run.
            rows = [];
            readError = e;
        }
        run.Add("Dataverse reads", watch);

        var now = clock.GetUtcNow().UtcDateTime;
        var work = new List<RecordWork>(records.Count);
        foreach (var record in records.OrderBy(r => Array.IndexOf(ids, r.SystemId)))
        {
            couplings.TryGetValue(record.SystemId, out var coupling);
            if (coupling is not null && coupling.DataverseTable != mapping.DataverseTable)
                continue;
            var item = new RecordWork(record, coupling);
            if (readError is not null && coupling is not null)
            {
                item.Source = MappedRows.Describe(mapping.LocalTable, record);
                item.LocalId = record.SystemId;
                item.DataverseId = coupling.DataverseId;
                item.Fail(SyncText.Message("ModifyFailed", MappedRows.Describe(mapping.DataverseTable, null, coupling.DataverseId), readError.Message), readError);
                work.Add(item);
                continue;
            }
            if (PlanToDataverse(run, item, fields, lookups, rows, now))
                work.Add(item);
        }

        run.Add("plan", watch);
        if (request.DryRun)
        {
            foreach (var item in work)
                Count(run, job, item, ToIntegrationTable);
            return;
        }

        // Crash safety (item 7): the id of every row to be created is stored in a pending coupling before the request.
        List<Coupling> created = [], pending = [];
        foreach (var item in work.Where(w => w.Action == SyncAction.Insert))
        {
            if (item.Coupling is null)
            {
                item.Coupling = NewCoupling(mapping, item.Record.SystemId, item.DataverseId, now);
                created.Add(item.Coupling);
            }
            else
            {
                pending.Add(item.Coupling);
            }
            item.Coupling.DataverseCreatePending = true;
        }
        if (created.Count + pending.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await SyncRowWriter.InsertAsync(db, created, ct);
            await SyncRowWriter.UpdateAsync(db, pending, ct);
            await transaction.CommitAsync(ct);
        }
        run.Add("pending couplings", watch);

        var writes = work.Where(w => w.Action is SyncAction.Insert or SyncAction.Modify).ToList();
        if (PerRecord)
        {
            foreach (var item in writes)
                await WriteOneAsync(mapping, item, ct);
        }
        else if (writes.Count > 0)
        {
            var result = await client.ExecuteBatchAsync(writes.Select(w => (BatchItem)w.Operation!), ct: ct);
            for (var i = 0; i < writes.Count; i++)
                writes[i].Result(result.Operations[i]);
        }
        run.Add("Dataverse writes", watch);
        if (writes.Count > 0 && StageHook is { } hook)
            await hook(SyncStage.AfterDataverseWrite, ct);

        List<Coupling> touched = [];
        List<Guid> removed = [];
        List<SyncRecordChange> changes = [];
        List<IntegrationSynchJobError> errors = [];
        foreach (var item in work)
        {
            var coupling = item.Coupling;
            var dataverseId = coupling?.DataverseId ?? item.DataverseId;
            if (item.Action is SyncAction.Insert or SyncAction.Modify && item.Error is not null)
            {
                item.Fail(item.Action == SyncAction.Insert
                    ? SyncText.Message("InsertFailed", MappedRows.Describe(mapping.DataverseTable, item.Row, dataverseId), item.Error.Message)
                    : SyncText.Message("ModifyFailed", MappedRows.Describe(mapping.DataverseTable, item.Row, dataverseId), item.Error.Message),
                    item.Error);
            }

            switch (item.Action)
            {
                case SyncAction.Insert or SyncAction.Modify:
                    coupling!.DataverseCreatePending = false;
                    coupling.RecordSuccess(ToIntegrationTable, job.Id, item.Record.SystemModifiedAt);
                    // After a conflict resolved by sending, keep the stamps of the row as read, so the From pass still
                    // takes the row's other changes (BC's -999 ms offset).
                    if (item.ConflictResolved)
                        coupling.AdvanceDataverseStamps(item.Row?.GetDateTime("modifiedon"), Coupling.VersionOf(item.Row?.ETag));
                    else
                        coupling.AdvanceDataverseStamps(item.NewModifiedOn, item.NewVersion);
                    touched.Add(coupling);
                    changes.Add(Change(job, mapping, ToIntegrationTable, item, now));
                    break;
                case SyncAction.Unchanged when coupling is not null:
                    coupling.DataverseCreatePending = false;
                    coupling.RecordSuccess(ToIntegrationTable, job.Id, item.Record.SystemModifiedAt);
                    touched.Add(coupling);
                    break;
                case SyncAction.Uncouple:
                    removed.Add(coupling!.Id);
                    changes.Add(Change(job, mapping, ToIntegrationTable, item, now));
                    break;
                case SyncAction.Fail:
                    if (coupling is not null)
                    {
                        coupling.RecordFailure(ToIntegrationTable, job.Id, Truncate(item.Reason!, 2048), item.Transient);
                        touched.Add(coupling);
                    }
                    errors.Add(Error(job, item, MappedRows.Describe(mapping.LocalTable, item.Record),
                        coupling is null && item.Row is null ? "" : MappedRows.Describe(mapping.DataverseTable, item.Row, dataverseId), item.Record.SystemId,
                        coupling is null ? null : dataverseId, now));
                    break;
            }
            Count(run, job, item, ToIntegrationTable);
        }
        run.Add("plan", watch);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // The coupled pair itself does not change here (a restored row's new id was stored with the pending coupling).
            await SyncRowWriter.UpdateAsync(db, touched, ct, nameof(Coupling.MappingName), nameof(Coupling.LocalTable), nameof(Coupling.LocalSystemId),
                nameof(Coupling.DataverseTable), nameof(Coupling.DataverseId), nameof(Coupling.CoupledAt));
            if (removed.Count > 0)
                await db.Couplings.Where(c => removed.Contains(c.Id)).ExecuteDeleteAsync(ct);
            await SyncRowWriter.InsertAsync(db, changes, ct);
            await SyncRowWriter.InsertAsync(db, errors, ct);
            await transaction.CommitAsync(ct);
        }
        run.Add("local saves", watch);
    }

    /// <summary>Decides what happens to one local record; false when the record is not processed at all.</summary>
    private bool PlanToDataverse(Run run, RecordWork item, List<IntegrationFieldMapping> fields, LookupCache lookups, Dictionary<Guid, DataverseRow> rows, DateTime now)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        var record = item.Record;
        var coupling = item.Coupling;
        item.Source = MappedRows.Describe(mapping.LocalTable, record);
        item.LocalId = record.SystemId;
        if (coupling is { Skipped: true })
        {
            item.DataverseId = coupling.DataverseId;
            return item.Skip(SyncText.Message("RecordSkipped"));
        }

        bool insert;
        if (coupling is null)
        {
            if (run.OnlyCoupled) return false;
            insert = true;
            item.DataverseId = Guid.NewGuid();
        }
        else
        {
            item.DataverseId = coupling.DataverseId;
            rows.TryGetValue(coupling.DataverseId, out var row);
            item.Row = row;
            if (row is null && !coupling.DataverseCreatePending)
            {
                // Deletion conflict: the coupled Dataverse row is gone.
                switch (mapping.DeletionConflictResolution)
                {
                    case DeletionConflictResolution.RemoveCoupling:
                        item.Action = SyncAction.Uncouple;
                        item.Reason = SyncText.Message("CouplingRemovedDeleted");
                        return true;
                    case DeletionConflictResolution.RestoreRecords:
                        item.DataverseId = Guid.NewGuid();
                        if (!request.DryRun)
                        {
                            coupling.DataverseId = item.DataverseId;
                            coupling.LastSyncedDataverseModifiedOn = null;
                            coupling.LastSyncedDataverseVersion = null;
                        }
                        item.Reason = SyncText.Message("RecordRestored");
                        insert = true;
                        break;
                    default:
                        return item.FailPlan(SyncText.Message("CoupledToDeletedRecord", item.Source));
                }
            }
            else
            {
                insert = row is null;
            }
        }

        if (insert)
        {
            var outcome = FieldTransfer.ToDataverse(mapping, fields, record, null, insert: true, lookups);
            if (outcome.Error is not null) return item.FailPlan(outcome.Error);
            item.Changes = outcome.Changes;
            AddCompany(mapping, item, null, insert: true);
            item.Action = SyncAction.Insert;
            item.Operation = PerRecord ? null : BatchOperation.Upsert(MappedRows.Table(mapping), item.DataverseId, FieldTransfer.Payload(mapping.DataverseTable, item.Changes), returnColumns: ModifiedOnColumn);
            item.Insert = true;
            return true;
        }

        var current = item.Row!;
        var recovered = coupling!.DataverseCreatePending;
        var localChanged = LocalChanged(coupling, record);
        var dataverseChanged = DataverseChanged(coupling, current);
        if (!localChanged && !request.Force && !recovered)
        {
            item.Action = SyncAction.Unchanged;
            return true;
        }
        if (request.SkipIfDestinationChanged && dataverseChanged)
            return item.Skip(SyncText.Message("DestinationChanged"));

        var transfer = FieldTransfer.ToDataverse(mapping, fields, record, current, insert: false, lookups);
        if (transfer.Error is not null) return item.FailPlan(transfer.Error);
        item.Changes = transfer.Changes;
        var bothModified = mapping.Direction == Bidirectional && dataverseChanged && !recovered;
        if (bothModified && item.Changes.Any(c => c.IsBidirectional))
        {
            item.Conflict = true;
            switch (mapping.UpdateConflictResolution)
            {
                case UpdateConflictResolution.SendDataUpdateToDataverse:
                    item.ConflictResolved = true;
                    break;
                case UpdateConflictResolution.GetDataUpdateFromDataverse:
                    return item.Skip(SyncText.Message("ConflictResolvedGet"));
                default:
                    return item.FailPlan(ConflictText(mapping, item.Changes));
            }
        }
        AddCompany(mapping, item, current, insert: false);
        if (item.Changes.Count == 0)
        {
            item.Action = SyncAction.Unchanged;
            return true;
        }
        item.Action = SyncAction.Modify;
        item.Operation = PerRecord ? null : BatchOperation.Update(MappedRows.Table(mapping), item.DataverseId, FieldTransfer.Payload(mapping.DataverseTable, item.Changes), returnColumns: ModifiedOnColumn);
        return true;
    }

    private static void AddCompany(IntegrationTableMapping mapping, RecordWork item, DataverseRow? row, bool insert)
    {
        if (mapping.CompanyId == Guid.Empty || !DataverseSchema.IsCompanyScoped(mapping.DataverseTable)) return;
        var current = row?.GetLookupId(DataverseSchema.CompanyIdColumn);
        if (insert || current != mapping.CompanyId)
            item.Changes.Add(new PlannedField(null, DataverseSchema.CompanyIdColumn, current, mapping.CompanyId));
    }

    private async Task WriteOneAsync(IntegrationTableMapping mapping, RecordWork item, CancellationToken ct)
    {
        var table = MappedRows.Table(mapping);
        var payload = FieldTransfer.Payload(mapping.DataverseTable, item.Changes);
        try
        {
            var row = item.Insert
                ? (await client.UpsertAsync(table, item.DataverseId, payload, UpsertMode.CreateOrUpdate, ModifiedOnColumn, ct)).Row
                : await client.UpdateAsync(table, item.DataverseId, payload, returnColumns: ModifiedOnColumn, ct: ct);
            item.NewModifiedOn = row?.GetDateTime("modifiedon");
            item.NewVersion = Coupling.VersionOf(row?.ETag);
        }
        catch (DataverseException e)
        {
            item.Error = e;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Dataverse → local
    // ---------------------------------------------------------------------------------------------------------------

    private async Task FromDataverseAsync(Run run, IntegrationSynchJob job, List<IntegrationFieldMapping> fields, CancellationToken ct)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        var table = MappedRows.Table(mapping);
        var query = MappedRows.Query(mapping);
        var state = new FromState(fields);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            state.Lookups = await LookupCache.LoadAsync(db, fields, ct);
            state.EntityType = db.Model.FindEntityType(LocalTables.EntityType(mapping.LocalTable))!;
            state.Numbers = await NumberSeries.LoadAsync(db, mapping.LocalTable, ct);

            List<Guid> first;
            if (request.HasSelection)
            {
                first = [.. request.DataverseIds];
                foreach (var chunk in request.LocalSystemIds.Distinct().Chunk(1000))
                    first.AddRange(await db.Couplings.AsNoTracking()
                        .Where(c => c.LocalTable == mapping.LocalTable && c.DataverseTable == mapping.DataverseTable && chunk.Contains(c.LocalSystemId))
                        .Select(c => c.DataverseId).ToListAsync(ct));
            }
            else
            {
                first = await RetryFromDataverse(db, mapping).ToListAsync(ct);
            }
            state.First = [.. first.Distinct()];
        }

        var processed = 0;
        var seen = new HashSet<Guid>();
        if (state.First.Count > 0)
        {
            var rows = (await FetchByIdsAsync(query, state.First, ct)).Values.ToList();
            run.Report(0, request.HasSelection ? rows.Count : null);
            foreach (var chunk in rows.Where(r => seen.Add(r.GetId(table))).Chunk(ChunkSize))
            {
                await FromChunkAsync(run, job, state, chunk, ct);
                run.Report(processed += chunk.Length, request.HasSelection ? rows.Count : null);
            }
        }
        if (request.HasSelection) return;

        DateTime? latestSeen = null;
        if (!request.FullSynchronization && mapping.DataverseModifiedOnWatermark is { } watermark)
            query = query.Where(Filter.Gt("modifiedon", watermark.AddSeconds(-1)));
        if (run.EchoSuppression && !request.FullSynchronization)
            query = query.Where(Filter.Ne("_modifiedby_value", await IntegrationUserAsync(run, ct)));
        await foreach (var page in client.QueryPagesAsync(query, Options.PageSize, ct))
        {
            foreach (var row in page.Rows)
            {
                if (row.GetDateTime("modifiedon") is { } modifiedOn && (latestSeen is null || modifiedOn > latestSeen))
                    latestSeen = modifiedOn;
            }
            foreach (var chunk in page.Rows.Where(r => seen.Add(r.GetId(table))).Chunk(ChunkSize))
            {
                await FromChunkAsync(run, job, state, chunk, ct);
                run.Report(processed += chunk.Length, null);
            }
        }

        if (!request.DryRun && latestSeen is { } seenAt)
            await AdvanceWatermarkAsync(mapping.Name, local: null, dataverse: Min(seenAt, run.Start), ct);
    }

    private async Task FromChunkAsync(Run run, IntegrationSynchJob job, FromState state, DataverseRow[] rows, CancellationToken ct)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        var table = MappedRows.Table(mapping);
        var localType = LocalTables.EntityType(mapping.LocalTable);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = request.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        var rowIds = rows.Select(r => r.GetId(table)).ToArray();
        var couplings = await db.Couplings
            .Where(c => c.DataverseTable == mapping.DataverseTable && rowIds.Contains(c.DataverseId))
            .ToDictionaryAsync(c => c.DataverseId, ct);
        var localIds = couplings.Values.Where(c => c.LocalTable == mapping.LocalTable).Select(c => c.LocalSystemId).ToArray();
        var locals = localIds.Length == 0
            ? []
            : await TrackedSet(db, mapping.LocalTable).Where(r => localIds.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var work = new List<RecordWork>(rows.Length);
        foreach (var row in rows)
        {
            var id = row.GetId(table);
            couplings.TryGetValue(id, out var coupling);
            if (coupling is not null && coupling.LocalTable != mapping.LocalTable)
                continue;
            if (coupling is null && run.OnlyCoupled)
                continue;
            var item = new RecordWork(null!, coupling) { Row = row, DataverseId = id, Source = MappedRows.Describe(mapping.DataverseTable, row, id) };
            if (coupling is not null && locals.TryGetValue(coupling.LocalSystemId, out var local))
                item.Record = local;
            work.Add(item);
        }

        // New local records need numbers: taken for the whole chunk at once.
        var needNumbers = work.Count(w => w.Coupling is null || (w.Record is null && !w.Coupling.Skipped && mapping.DeletionConflictResolution == DeletionConflictResolution.RestoreRecords));
        var numbers = needNumbers > 0 ? new Queue<string>(await state.Numbers.TakeAsync(db, needNumbers, ct)) : new Queue<string>();

        foreach (var item in work)
            PlanFromDataverse(run, state, db, item, numbers, localType, now);

        if (request.DryRun)
        {
            foreach (var item in work)
                Count(run, job, item, FromIntegrationTable);
            return;
        }

        await db.SaveChangesAsync(ct);

        foreach (var item in work)
        {
            var coupling = item.Coupling;
            switch (item.Action)
            {
                case SyncAction.Insert or SyncAction.Modify or SyncAction.Unchanged:
                    coupling!.RecordSuccess(FromIntegrationTable, job.Id,
                        item.ConflictResolved ? item.LocalStampBefore : item.Record!.SystemModifiedAt);
                    coupling.AdvanceDataverseStamps(item.Row!.GetDateTime("modifiedon"), Coupling.VersionOf(item.Row.ETag));
                    if (item.Action != SyncAction.Unchanged)
                        db.SyncRecordChanges.Add(Change(job, mapping, FromIntegrationTable, item, now));
                    break;
                case SyncAction.Uncouple:
                    db.Couplings.Remove(coupling!);
                    db.SyncRecordChanges.Add(Change(job, mapping, FromIntegrationTable, item, now));
                    break;
                case SyncAction.Fail:
                    coupling?.RecordFailure(FromIntegrationTable, job.Id, Truncate(item.Reason!, 2048), item.Transient);
                    db.IntegrationSynchJobErrors.Add(Error(job, item, item.Source,
                        item.Record is null ? "" : MappedRows.Describe(mapping.LocalTable, item.Record), item.DataverseId, item.Record?.SystemId, now));
                    break;
            }
        }

        // Claim rows nobody owns yet: the company id is written back onto them (reference §2.2).
        var claims = work.Where(w => w.Action is SyncAction.Insert or SyncAction.Modify or SyncAction.Unchanged && NeedsClaim(mapping, w.Row!)).ToList();
        if (claims.Count > 0)
            await ClaimAsync(table, mapping, job, claims, db, now, ct);

        foreach (var item in work)
            Count(run, job, item, FromIntegrationTable);
        await db.SaveChangesAsync(ct);
        await transaction!.CommitAsync(ct);
    }

    private void PlanFromDataverse(Run run, FromState state, PortalDbContext db, RecordWork item, Queue<string> numbers, Type localType, DateTime now)
    {
        var mapping = run.Mapping;
        var request = run.Request;
        var coupling = item.Coupling;
        var row = item.Row!;
        if (coupling is { Skipped: true })
        {
            item.LocalId = coupling.LocalSystemId;
            item.Skip(SyncText.Message("RecordSkipped"));
            return;
        }

        if (coupling is not null && item.Record is null)
        {
            // Deletion conflict: the coupled local record is gone.
            item.LocalId = coupling.LocalSystemId;
            switch (mapping.DeletionConflictResolution)
            {
                case DeletionConflictResolution.RemoveCoupling:
                    item.Action = SyncAction.Uncouple;
                    item.Reason = SyncText.Message("CouplingRemovedDeleted");
                    return;
                case DeletionConflictResolution.RestoreRecords:
                    item.Reason = SyncText.Message("RecordRestored");
                    break;
                default:
                    item.FailPlan(SyncText.Message("CoupledToDeletedRecord", item.Source));
                    return;
            }
        }

        if (item.Record is null)
        {
            var record = (MasterRecord)Activator.CreateInstance(localType)!;
            record.SystemId = Guid.NewGuid();
            LocalTables.Field(mapping.LocalTable, LocalTables.KeyField(mapping.LocalTable))!.SetValue(record, numbers.Dequeue());
            var outcome = FieldTransfer.ToLocal(mapping, state.Fields, row, record, insert: true, state.Lookups, state.EntityType);
            if (outcome.Error is not null)
            {
                item.FailPlan(outcome.Error);
                return;
            }
            FieldTransfer.Apply(mapping.LocalTable, record, outcome.Changes);
            if (Validate(mapping.LocalTable, record, state.EntityType) is { } invalid)
            {
                item.FailPlan(invalid);
                return;
            }
            item.Record = record;
            item.LocalId = record.SystemId;
            item.Changes = outcome.Changes;
            item.Action = SyncAction.Insert;
            if (request.DryRun) return;
            db.Add(record);
            if (coupling is null)
            {
                item.Coupling = NewCoupling(mapping, record.SystemId, item.DataverseId, now);
                db.Couplings.Add(item.Coupling);
            }
            else
            {
                coupling.LocalSystemId = record.SystemId;
                coupling.LastSyncedLocalModifiedAt = null;
            }
            return;
        }

        var local = item.Record;
        item.LocalId = local.SystemId;
        item.LocalStampBefore = local.SystemModifiedAt;
        var dataverseChanged = DataverseChanged(coupling!, row);
        var localChanged = LocalChanged(coupling!, local);
        if (!dataverseChanged && !request.Force)
        {
            item.Action = SyncAction.Unchanged;
            return;
        }
        if (request.SkipIfDestinationChanged && localChanged)
        {
            item.Skip(SyncText.Message("DestinationChanged"));
            return;
        }
        var transfer = FieldTransfer.ToLocal(mapping, state.Fields, row, local, insert: false, state.Lookups, state.EntityType);
        if (transfer.Error is not null)
        {
            item.FailPlan(transfer.Error);
            return;
        }
        item.Changes = transfer.Changes;
        if (mapping.Direction == Bidirectional && localChanged && item.Changes.Any(c => c.IsBidirectional))
        {
            item.Conflict = true;
            switch (mapping.UpdateConflictResolution)
            {
                case UpdateConflictResolution.GetDataUpdateFromDataverse:
                    item.ConflictResolved = true;
                    break;
                case UpdateConflictResolution.SendDataUpdateToDataverse:
                    item.Skip(SyncText.Message("ConflictResolvedSend"));
                    return;
                default:
                    item.FailPlan(ConflictText(mapping, item.Changes));
                    return;
            }
        }
        if (item.Changes.Count == 0)
        {
            item.Action = SyncAction.Unchanged;
            return;
        }
        FieldTransfer.Apply(mapping.LocalTable, local, item.Changes);
        if (Validate(mapping.LocalTable, local, state.EntityType) is { } error)
        {
            FieldTransfer.Apply(mapping.LocalTable, local, item.Changes, undo: true);
            item.FailPlan(error);
            return;
        }
        if (request.DryRun)
            FieldTransfer.Apply(mapping.LocalTable, local, item.Changes, undo: true);
        item.Action = SyncAction.Modify;
    }

    private static bool NeedsClaim(IntegrationTableMapping mapping, DataverseRow row) =>
        mapping.CompanyId != Guid.Empty && DataverseSchema.IsCompanyScoped(mapping.DataverseTable) && mapping.CompanyFilter != CompanyFilter.None
        && row.GetLookupId(DataverseSchema.CompanyIdColumn) is null;

    private async Task ClaimAsync(DataverseTable table, IntegrationTableMapping mapping, IntegrationSynchJob job, List<RecordWork> claims,
        PortalDbContext db, DateTime now, CancellationToken ct)
    {
        System.Text.Json.Nodes.JsonObject Body() => new System.Text.Json.Nodes.JsonObject().Bind(DataverseSchema.CompanyIdColumn, DataverseTable.Companies, mapping.CompanyId);
        var results = new List<(RecordWork Item, DateTime? ModifiedOn, long? Version, DataverseException? Error)>();
        if (PerRecord)
        {
            foreach (var item in claims)
            {
                try
                {
                    var row = await client.UpdateAsync(table, item.DataverseId, Body(), returnColumns: ModifiedOnColumn, ct: ct);
                    results.Add((item, row?.GetDateTime("modifiedon"), Coupling.VersionOf(row?.ETag), null));
                }
                catch (DataverseException e)
                {
                    results.Add((item, null, null, e));
                }
            }
        }
        else
        {
            var batch = await client.ExecuteBatchAsync(claims.Select(c => (BatchItem)BatchOperation.Update(table, c.DataverseId, Body(), returnColumns: ModifiedOnColumn)), ct: ct);
            for (var i = 0; i < claims.Count; i++)
            {
                var op = batch.Operations[i];
                results.Add((claims[i], op.Body is { } body ? new DataverseRow(body).GetDateTime("modifiedon") : null, Coupling.VersionOf(op.ETag),
                    op.Succeeded ? null : op.Error ?? new DataverseException(null, null, "The request was not executed.")));
            }
        }

        foreach (var (item, modifiedOn, version, error) in results)
        {
            if (error is null)
            {
                item.Coupling!.AdvanceDataverseStamps(modifiedOn, version);
                continue;
            }
            var message = SyncText.Message("ModifyFailed", item.Source, error.Message);
            item.Coupling!.RecordFailure(FromIntegrationTable, job.Id, Truncate(message, 2048), error.IsTransient);
            item.Fail(message, error);
            db.IntegrationSynchJobErrors.Add(Error(job, item, item.Source, MappedRows.Describe(mapping.LocalTable, item.Record!), item.DataverseId, item.Record!.SystemId, now));
        }
    }

    private static string? Validate(LocalTable table, MasterRecord record, IEntityType entityType)
    {
        if (record is Contact { Type: ContactType.Person, Name.Length: 0 } person)
            person.Name = string.Join(' ', new[] { person.FirstName, person.MiddleName, person.Surname }.Where(p => p.Length > 0));
        MasterDataValidator.Normalize(record);
        var errors = MasterDataValidator.Validate(record, entityType, RequiredFields(table));
        return errors.Count == 0 ? null : SyncText.Message("ValidationFailed", string.Join(" ", errors.SelectMany(e => e.Value)));
    }

    private static IReadOnlyList<string> RequiredFields(LocalTable table) => table switch
    {
        LocalTable.Customer or LocalTable.Vendor or LocalTable.Contact or LocalTable.Resource => ["No", "Name"],
        LocalTable.Item => ["No", "Description"],
        _ => ["Code"],
    };

    // ---------------------------------------------------------------------------------------------------------------
    // Inspect (Synchronize Now prompt)
    // ---------------------------------------------------------------------------------------------------------------

    public async Task<RecordSyncInspection> InspectAsync(string mappingName, Guid localSystemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .FirstOrDefaultAsync(m => m.Name == mappingName, ct)
            ?? throw new ArgumentException(SyncText.Message("MappingNotFound", mappingName), nameof(mappingName));
        var record = await LocalRecordQuery.Query(db, mapping.LocalTable, Filters.RecordFilter.Empty).FirstOrDefaultAsync(r => r.SystemId == localSystemId, ct);
        var coupling = await db.Couplings.AsNoTracking()
            .FirstOrDefaultAsync(c => c.LocalTable == mapping.LocalTable && c.LocalSystemId == localSystemId && c.DataverseTable == mapping.DataverseTable, ct);
        if (record is null || coupling is null)
            return new RecordSyncInspection(mapping.Name, mapping.Direction, coupling is not null, coupling?.DataverseId, false, coupling?.Skipped ?? false,
                false, false, false, []);

        var row = await client.RetrieveAsync(MappedRows.Table(mapping), coupling.DataverseId, MappedRows.Columns(mapping), ct);
        if (row is null || coupling.DataverseCreatePending && row is null)
            return new RecordSyncInspection(mapping.Name, mapping.Direction, true, coupling.DataverseId, false, coupling.Skipped,
                LocalChanged(coupling, record), false, false, []);

        var fields = mapping.FieldMappings.Where(f => f.Status == FieldMappingStatus.Enabled && f.LocalField is not null && f.DataverseColumn is not null)
            .OrderBy(f => f.LineNo).ToList();
        var lookups = await LookupCache.LoadAsync(db, fields, ct);
        var entityType = db.Model.FindEntityType(LocalTables.EntityType(mapping.LocalTable))!;
        var differences = new List<FieldDifference>();
        foreach (var field in fields)
        {
            if (field.Direction == FromIntegrationTable)
            {
                var outcome = FieldTransfer.ToLocal(mapping, [field], row, record, insert: false, lookups, entityType);
                foreach (var change in outcome.Changes)
                    differences.Add(new(field.LocalField, field.DataverseColumn, field.Direction, FieldTransfer.Format(change.OldValue), FieldTransfer.Format(change.NewValue)));
            }
            else
            {
                var outcome = FieldTransfer.ToDataverse(mapping, [field], record, row, insert: false, lookups);
                foreach (var change in outcome.Changes)
                    differences.Add(new(field.LocalField, field.DataverseColumn, field.Direction, FieldTransfer.Format(change.NewValue), FieldTransfer.Format(change.OldValue)));
            }
        }
        var localChanged = LocalChanged(coupling, record);
        var dataverseChanged = DataverseChanged(coupling, row);
        var conflict = mapping.Direction == Bidirectional && localChanged && dataverseChanged && differences.Any(d => d.Direction == Bidirectional);
        return new RecordSyncInspection(mapping.Name, mapping.Direction, true, coupling.DataverseId, true, coupling.Skipped,
            localChanged, dataverseChanged, conflict, differences);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared pieces
    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The local ids a scheduled To pass reads first: failed and not skipped, or a create still pending. The partial
    /// index IX_Couplings_RetryToDataverse has exactly this predicate, so the read costs the same whatever the table's size.
    /// </summary>
    internal static IQueryable<Guid> RetryToDataverse(PortalDbContext db, IntegrationTableMapping mapping) =>
        db.Couplings.AsNoTracking()
            .Where(c => c.LocalTable == mapping.LocalTable && c.DataverseTable == mapping.DataverseTable && !c.Skipped
                && (c.LastResultToDataverse == SyncResult.Failure || c.DataverseCreatePending))
            .Select(c => c.LocalSystemId);

    /// <summary>The Dataverse ids a scheduled From pass reads first (failed, not skipped): IX_Couplings_RetryFromDataverse.</summary>
    internal static IQueryable<Guid> RetryFromDataverse(PortalDbContext db, IntegrationTableMapping mapping) =>
        db.Couplings.AsNoTracking()
            .Where(c => c.LocalTable == mapping.LocalTable && c.DataverseTable == mapping.DataverseTable && !c.Skipped
                && c.LastResultFromDataverse == SyncResult.Failure)
            .Select(c => c.DataverseId);

    /// <summary>BC: changed since the last sync when the last result into Dataverse failed (and is not skipped), or SystemModifiedAt is later.</summary>
    internal static bool LocalChanged(Coupling coupling, MasterRecord record) =>
        (coupling.LastResultToDataverse == SyncResult.Failure && !coupling.Skipped)
        || coupling.LastSyncedLocalModifiedAt is not { } synced || record.SystemModifiedAt > synced;

    /// <summary>BC: changed since the last sync when the last result from Dataverse failed (and is not skipped), or modifiedon is later.</summary>
    internal static bool DataverseChanged(Coupling coupling, DataverseRow row)
    {
        if (coupling.LastResultFromDataverse == SyncResult.Failure && !coupling.Skipped)
            return true;
        // The row version first: modifiedon has whole seconds, so an edit in the second of our own write only shows there.
        if (coupling.LastSyncedDataverseVersion is { } version && Coupling.VersionOf(row.ETag) is { } current)
            return current > version;
        return coupling.LastSyncedDataverseModifiedOn is not { } synced || row.GetDateTime("modifiedon") is not { } modifiedOn || modifiedOn > synced;
    }

    private static string ConflictText(IntegrationTableMapping mapping, IEnumerable<PlannedField> changes)
    {
        var pairs = changes.Where(c => c.IsBidirectional)
            .Select(c => $"{c.Mapping!.LocalField} ↔ {c.Mapping.DataverseColumn}");
        return SyncText.Message("UpdateConflict", IntegrationText.TableCaption(mapping.LocalTable), string.Join(", ", pairs));
    }

    /// <summary>
    /// Reads coupled rows by id, whatever the mapping's filter says (a row that left the filter is not a deleted row):
    /// one retrieve per id, all in $batch requests of up to 1,000; a missing row is simply absent from the result.
    /// </summary>
    private async Task<Dictionary<Guid, DataverseRow>> RetrieveByIdsAsync(DataverseTable table, IReadOnlyList<string> columns, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, DataverseRow>();
        if (ids.Count == 0) return result;
        if (ids.Count == 1)
        {
            if (await client.RetrieveAsync(table, ids.First(), columns, ct) is { } single)
                result[single.GetId(table)] = single;
            return result;
        }
        var batch = await client.ExecuteBatchAsync(ids.Distinct().Select(id => (BatchItem)BatchOperation.Retrieve(table, id, columns)), ct: ct);
        foreach (var op in batch.Operations)
        {
            if (op.Succeeded && op.Body is { } body)
            {
                var row = new DataverseRow(body);
                result[row.GetId(table)] = row;
            }
            else if (op.Error is not { IsNotFound: true })
            {
                throw op.Error ?? new DataverseException(null, null, "A read in $batch was not executed.");
            }
        }
        return result;
    }

    /// <summary>Reads rows by id within the mapping's filter: GETs of <see cref="SynchronizationOptions.IdsPerRead"/> ids each, sent together in one $batch.</summary>
    private async Task<Dictionary<Guid, DataverseRow>> FetchByIdsAsync(DataverseQuery query, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, DataverseRow>();
        if (ids.Count == 0) return result;
        var key = query.Table.PrimaryKey;
        var reads = ids.Distinct().Chunk(Options.IdsPerRead)
            .Select(chunk => query.Where(Filter.In(key, chunk.Select(id => (object?)id)))).ToList();
        if (reads.Count == 1)
        {
            await foreach (var row in client.QueryAsync(reads[0], ct: ct))
                result[row.GetId(query.Table)] = row;
            return result;
        }
        var batch = await client.ExecuteBatchAsync(reads.Select(q => (BatchItem)BatchOperation.Get(q)), ct: ct);
        foreach (var op in batch.Operations)
        {
            if (!op.Succeeded)
                throw op.Error ?? new DataverseException(null, null, "A read in $batch was not executed.");
            if (op.Body?["value"] is System.Text.Json.Nodes.JsonArray values)
            {
                foreach (var value in values)
                {
                    if (value is System.Text.Json.Nodes.JsonObject json)
                    {
                        var row = new DataverseRow((System.Text.Json.Nodes.JsonObject)json.DeepClone());
                        result[row.GetId(query.Table)] = row;
                    }
                }
            }
        }
        return result;
    }

    private async Task<Guid> IntegrationUserAsync(Run run, CancellationToken ct) =>
        run.IntegrationUser ??= (await client.WhoAmIAsync(ct)).UserId;

    private static IQueryable<MasterRecord> TrackedSet(PortalDbContext db, LocalTable table) =>
        (IQueryable<MasterRecord>)SetMethod.MakeGenericMethod(LocalTables.EntityType(table)).Invoke(db, null)!;

    private async Task AdvanceWatermarkAsync(string mappingName, DateTime? local, DateTime? dataverse, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.FirstAsync(m => m.Name == mappingName, ct);
        if (local is { } l && (mapping.LocalModifiedWatermark is null || l > mapping.LocalModifiedWatermark))
            mapping.LocalModifiedWatermark = l;
        if (dataverse is { } d && (mapping.DataverseModifiedOnWatermark is null || d > mapping.DataverseModifiedOnWatermark))
            mapping.DataverseModifiedOnWatermark = d;
        await db.SaveChangesAsync(ct);
    }

    private async Task<IntegrationSynchJob> StartJobAsync(Run run, SyncDirection direction, CancellationToken ct)
    {
        var job = new IntegrationSynchJob
        {
            Id = Guid.NewGuid(),
            Type = IntegrationJobType.Synchronization,
            MappingName = run.Mapping.Name,
            Direction = direction,
            Status = IntegrationJobStatus.Running,
            IsDryRun = run.Request.DryRun,
            QueuedAt = run.Start,
            StartedAt = clock.GetUtcNow().UtcDateTime,
            RequestedBy = run.Request.RequestedBy,
            RequestId = run.Request.RequestId,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IntegrationSynchJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    private async Task FinishJobAsync(IntegrationSynchJob job, IntegrationJobStatus status, string message, CancellationToken ct)
    {
        job.Status = status;
        job.Message = message;
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IntegrationSynchJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, job.Status)
            .SetProperty(j => j.Message, job.Message)
            .SetProperty(j => j.FinishedAt, job.FinishedAt)
            .SetProperty(j => j.Inserted, job.Inserted)
            .SetProperty(j => j.Modified, job.Modified)
            .SetProperty(j => j.Deleted, job.Deleted)
            .SetProperty(j => j.Unchanged, job.Unchanged)
            .SetProperty(j => j.Skipped, job.Skipped)
            .SetProperty(j => j.Failed, job.Failed)
            .SetProperty(j => j.Coupled, job.Coupled)
            .SetProperty(j => j.Uncoupled, job.Uncoupled), ct);
    }

    private static void Count(Run run, IntegrationSynchJob job, RecordWork item, SyncDirection direction)
    {
        job.Count(item.Action);
        if (run.Request.DryRun)
            run.Lines.Add(new SyncPlanLine(direction, item.LocalId, item.Coupling?.DataverseId ?? item.DataverseId, item.Source, item.Action, item.Conflict,
                item.Reason, [.. item.Changes.Select(c => c.ToChange())]));
    }

    private static Coupling NewCoupling(IntegrationTableMapping mapping, Guid localId, Guid dataverseId, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        MappingName = mapping.Name,
        LocalTable = mapping.LocalTable,
        LocalSystemId = localId,
        DataverseTable = mapping.DataverseTable,
        DataverseId = dataverseId,
        CoupledAt = now,
    };

    private static SyncRecordChange Change(IntegrationSynchJob job, IntegrationTableMapping mapping, SyncDirection direction, RecordWork item, DateTime now) => new()
    {
        JobId = job.Id,
        MappingName = mapping.Name,
        Direction = direction,
        LocalSystemId = item.LocalId,
        DataverseId = item.Coupling?.DataverseId ?? item.DataverseId,
        Action = item.Action,
        Changes = [.. item.Changes.Select(c => c.ToChange())],
        OccurredAt = now,
    };

    private static IntegrationSynchJobError Error(IntegrationSynchJob job, RecordWork item, string source, string destination, Guid? sourceId, Guid? destinationId, DateTime now) => new()
    {
        JobId = job.Id,
        SourceRecordId = sourceId,
        SourceDescription = Truncate(source, 250),
        DestinationRecordId = destinationId,
        DestinationDescription = Truncate(destination, 250),
        Message = Truncate(item.Reason ?? "", 250),
        Detail = item.Detail ?? item.Reason ?? "",
        IsTransient = item.Transient,
        OccurredAt = now,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>State of one run (both passes).</summary>
    private sealed class Run(IntegrationTableMapping mapping, SyncRequest request, DateTime start, IProgress<JobProgress>? progress)
    {
        public IntegrationTableMapping Mapping { get; } = mapping;
        public SyncRequest Request { get; } = request;
        public DateTime Start { get; } = start;
        public List<SyncPlanLine> Lines { get; } = [];
        public Guid? IntegrationUser { get; set; }

        /// <summary>Where a pass spends its time, logged once per pass (read, plan, write, save).</summary>
        public Dictionary<string, TimeSpan> Stages { get; } = [];

        public System.Diagnostics.Stopwatch Stage() => System.Diagnostics.Stopwatch.StartNew();

        public void Add(string stage, System.Diagnostics.Stopwatch watch)
        {
            Stages[stage] = Stages.GetValueOrDefault(stage) + watch.Elapsed;
            watch.Restart();
        }

        /// <summary>BC: uncoupled records are left alone unless the request (create new, full sync) says otherwise.</summary>
        // BC: a full synchronization re-reads everything in the filters, but creates uncoupled records only when the mapping
        // (or the request, as the full synchronization review does) has Synch. Only Coupled Records off.
        public bool OnlyCoupled { get; } = request.SynchOnlyCoupledRecords ?? mapping.SynchOnlyCoupledRecords;

        /// <summary>
        /// BC §3.4: bidirectional mappings without enabled From-only field mappings do not pull back rows last modified by
        /// the integration user. Constants written into the local side (no Dataverse column) do not count.
        /// </summary>
        public bool EchoSuppression { get; } = mapping.Direction == Bidirectional
            && !mapping.FieldMappings.Any(f => f.Status == FieldMappingStatus.Enabled && f.Direction == FromIntegrationTable && f.DataverseColumn is not null);

        public void Report(int processed, int? total) =>
            progress?.Report(new JobProgress(processed, total, SyncText.Message("StageWriting")));
    }

    private sealed class FromState(List<IntegrationFieldMapping> fields)
    {
        public List<IntegrationFieldMapping> Fields { get; } = fields;
        public LookupCache Lookups { get; set; } = null!;
        public IEntityType EntityType { get; set; } = null!;
        public NumberSeries Numbers { get; set; } = null!;
        public List<Guid> First { get; set; } = [];
    }

    /// <summary>One record of a chunk: what the plan decided and, after the write, how it went.</summary>
    private sealed class RecordWork(MasterRecord record, Coupling? coupling)
    {
        public MasterRecord Record { get; set; } = record;
        public Coupling? Coupling { get; set; } = coupling;
        public DataverseRow? Row { get; set; }
        public Guid? LocalId { get; set; }
        public Guid DataverseId { get; set; }
        public string Source { get; set; } = "";
        public SyncAction Action { get; set; }
        public bool Insert { get; set; }
        public bool Conflict { get; set; }
        public bool ConflictResolved { get; set; }
        public string? Reason { get; set; }
        public string? Detail { get; set; }
        public bool Transient { get; set; }
        public List<PlannedField> Changes { get; set; } = [];
        public BatchOperation? Operation { get; set; }
        public DataverseException? Error { get; set; }
        public DateTime? NewModifiedOn { get; set; }
        public long? NewVersion { get; set; }
        public DateTime LocalStampBefore { get; set; }

        public bool Skip(string reason)
        {
            Action = SyncAction.Skip;
            Reason = reason;
            return true;
        }

        public bool FailPlan(string reason)
        {
            Action = SyncAction.Fail;
            Reason = reason;
            Detail = reason;
            Operation = null;
            return true;
        }

        public void Fail(string reason, DataverseException error)
        {
            Action = SyncAction.Fail;
            Reason = reason;
            Transient = error.IsTransient;
            Detail = $"{(int?)error.StatusCode} {error.ErrorCode} {error.Message}{(error.RequestId is null ? "" : " REQ_ID " + error.RequestId)}".Trim();
        }

        public void Result(BatchOperationResult result)
        {
            if (result.Succeeded)
            {
                NewModifiedOn = result.Body is { } body ? new DataverseRow(body).GetDateTime("modifiedon") : null;
                NewVersion = Coupling.VersionOf(result.ETag);
            }
            else
                Error = result.Error ?? new DataverseException(null, null, "The request was not executed.");
        }
    }
}
