using System.Text.Json.Nodes;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Integration.Uncoupling;

/// <summary>
/// Uncoupling (bc-coupling.md §3.9), one job (Type Uncoupling) per mapping. On company-scoped Dataverse tables the
/// company id is first cleared on the rows that carry this company's id ($batch, chunks), so other companies can take
/// them over; a row whose clear fails keeps its coupling and is logged as "Uncoupling … failed". Uncoupling an account
/// also uncouples the coupled contacts under it. Uncoupling a whole mapping removes every coupling (also those whose
/// record or row is gone) and then clears the company id on rows that still carry it without being coupled ("stuck").
/// Option mappings just delete their option couplings.
/// </summary>
public sealed class UncouplingEngine(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    TimeProvider clock,
    IOptions<UncouplingOptions> options,
    ILogger<UncouplingEngine> logger) : IUncouplingEngine
{
    private const string ContactTable = "contact";
    private const string AccountTable = "account";

    private readonly UncouplingOptions _options = options.Value;

    /// <summary>What to uncouple for one mapping.</summary>
    private sealed class MappingWork(IntegrationTableMapping mapping, bool wholeMapping)
    {
        public IntegrationTableMapping Mapping { get; } = mapping;
        public bool WholeMapping { get; } = wholeMapping;
        public Dictionary<Guid, Coupling> Couplings { get; } = [];
        public Dictionary<Guid, OptionCoupling> OptionCouplings { get; } = [];
    }

    public async Task<IReadOnlyList<IntegrationSynchJob>> RunAsync(UncoupleRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Dictionary<string, IntegrationTableMapping> mappings;
        var work = new List<MappingWork>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            mappings = await db.IntegrationTableMappings.AsNoTracking().ToDictionaryAsync(m => m.Name, StringComparer.Ordinal, ct);
            IntegrationTableMapping Mapping(string name) => mappings.TryGetValue(name, out var m) ? m : throw new InvalidOperationException(UncouplingText.Get("UnknownMapping", name));
            MappingWork For(string name, bool whole = false)
            {
                var existing = work.FirstOrDefault(w => w.Mapping.Name == name);
                if (existing is not null) return existing;
                var created = new MappingWork(Mapping(name), whole);
                work.Add(created);
                return created;
            }

            foreach (var name in request.MappingNames.Distinct(StringComparer.Ordinal))
            {
                var item = For(name, whole: true);
                foreach (var c in await db.Couplings.AsNoTracking().Where(c => c.MappingName == name).ToListAsync(ct))
                    item.Couplings[c.Id] = c;
                foreach (var c in await db.OptionCouplings.AsNoTracking().Where(c => c.MappingName == name).ToListAsync(ct))
                    item.OptionCouplings[c.Id] = c;
            }

            foreach (var chunk in request.CouplingIds.Distinct().Chunk(400))
            {
                foreach (var c in await db.Couplings.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
                    For(c.MappingName).Couplings.TryAdd(c.Id, c);
                foreach (var c in await db.OptionCouplings.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(ct))
                    For(c.MappingName).OptionCouplings.TryAdd(c.Id, c);
            }

            if (request.MappingName is { } selectionMapping && request.LocalSystemIds.Count > 0)
            {
                var item = For(selectionMapping);
                foreach (var chunk in request.LocalSystemIds.Distinct().Chunk(400))
                {
                    foreach (var c in await db.Couplings.AsNoTracking().Where(c => c.MappingName == selectionMapping && chunk.Contains(c.LocalSystemId)).ToListAsync(ct))
                        item.Couplings.TryAdd(c.Id, c);
                    foreach (var c in await db.OptionCouplings.AsNoTracking().Where(c => c.MappingName == selectionMapping && chunk.Contains(c.LocalSystemId)).ToListAsync(ct))
                        item.OptionCouplings.TryAdd(c.Id, c);
                }
            }
        }

        var jobs = new List<IntegrationSynchJob>();
        var done = new HashSet<Guid>();
        for (var i = 0; i < work.Count; i++)
        {
            var item = work[i];
            var job = await StartJobAsync(item.Mapping, request, ct);
            jobs.Add(job);
            try
            {
                var children = await UncoupleAsync(item, job, done, progress, ct);
                // Child contacts of uncoupled accounts: into a (new) job of their own mapping, after this one.
                foreach (var child in children.Where(c => !done.Contains(c.Id)))
                {
                    var target = work.Skip(i + 1).FirstOrDefault(w => w.Mapping.Name == child.MappingName);
                    if (target is null)
                    {
                        target = new MappingWork(mappings[child.MappingName], wholeMapping: false);
                        work.Add(target);
                    }
                    target.Couplings.TryAdd(child.Id, child);
                }
                await FinishJobAsync(job, CancellationToken.None);
            }
            catch (Exception ex)
            {
                job.Status = IntegrationJobStatus.Failed;
                job.Message = ex is OperationCanceledException ? "Cancelled." : ex.Message;
                await FinishJobAsync(job, CancellationToken.None);
                throw;
            }
        }
        return jobs;
    }

    private async Task<IntegrationSynchJob> StartJobAsync(IntegrationTableMapping mapping, UncoupleRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new IntegrationSynchJob
        {
            Id = Guid.CreateVersion7(),
            Type = IntegrationJobType.Uncoupling,
            MappingName = mapping.Name,
            Direction = mapping.Direction,
            Status = IntegrationJobStatus.Running,
            QueuedAt = now,
            StartedAt = now,
            RequestedBy = request.RequestedBy,
            RequestId = request.RequestId,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IntegrationSynchJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    private async Task FinishJobAsync(IntegrationSynchJob job, CancellationToken ct)
    {
        job.FinishedAt = clock.GetUtcNow().UtcDateTime;
        if (job.Status == IntegrationJobStatus.Running)
            job.Status = IntegrationJobStatus.Finished;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IntegrationSynchJobs.Update(job);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Uncouples one mapping's work; returns the contact couplings under the accounts it uncoupled.</summary>
    private async Task<List<Coupling>> UncoupleAsync(MappingWork item, IntegrationSynchJob job, HashSet<Guid> done, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        var mapping = item.Mapping;
        var couplings = item.Couplings.Values.Where(c => !done.Contains(c.Id)).ToList();
        var total = couplings.Count + item.OptionCouplings.Count;
        var companyScoped = mapping.Kind == MappingKind.Table && DataverseSchema.IsCompanyScoped(mapping.DataverseTable) && mapping.CompanyId != Guid.Empty;
        var table = MappedRows.Table(mapping);
        var failures = new Dictionary<Guid, (string Message, bool Transient)>();
        var cleared = new HashSet<Guid>();
        HashSet<Guid>? ownRows = null;

        if (companyScoped)
        {
            progress?.Report(new JobProgress(0, total, UncouplingText.Get("Stage_Reading")));
            var carrying = new HashSet<Guid>();
            var toCheck = couplings.Select(c => c.DataverseId).ToHashSet();
            if (item.WholeMapping)
            {
                // One paged read of every row in the mapping's filter that carries this company's id: coupled and stuck rows alike.
                ownRows = [];
                var filter = IntegrationTableFilterTranslator.ToDataverseFilter(mapping.DataverseTable, mapping.IntegrationTableFilter, CompanyFilter.ThisCompanyOnly, mapping.CompanyId)!;
                await foreach (var row in client.QueryAsync(DataverseQuery.From(table).Select(table.PrimaryKey).Where(filter), _options.DataversePageSize, ct))
                    ownRows.Add(row.GetId(table));
                carrying.UnionWith(ownRows.Where(toCheck.Contains));
                toCheck.ExceptWith(ownRows);
            }
            // Rows read by id (a selection, or coupled rows outside the filter): only those that still carry this company's id are cleared.
            var companyColumn = DataverseSchema.Column(mapping.DataverseTable, DataverseSchema.CompanyIdColumn)!.PropertyName;
            foreach (var chunk in toCheck.Chunk(_options.IdsPerQuery))
            {
                var query = DataverseQuery.From(table).Select(table.PrimaryKey, companyColumn).Where(Filter.In(table.PrimaryKey, chunk.Cast<object?>()));
                await foreach (var row in client.QueryAsync(query, _options.DataversePageSize, ct))
                {
                    if (row.GetGuid(companyColumn) == mapping.CompanyId)
                        carrying.Add(row.GetId(table));
                }
            }

            progress?.Report(new JobProgress(0, total, UncouplingText.Get("Stage_Clearing")));
            var rowFailures = await ClearCompanyIdAsync(table, carrying, ct);
            cleared.UnionWith(carrying.Where(id => !rowFailures.ContainsKey(id)));
            foreach (var c in couplings)
            {
                if (rowFailures.TryGetValue(c.DataverseId, out var failure))
                    failures[c.Id] = failure;
            }
        }

        var uncoupled = couplings.Where(c => !failures.ContainsKey(c.Id)).ToList();
        var children = mapping.DataverseTable == AccountTable && uncoupled.Count > 0
            ? await ChildContactCouplingsAsync(uncoupled.Select(c => c.DataverseId).ToHashSet(), ct)
            : [];

        progress?.Report(new JobProgress(0, total, UncouplingText.Get("Stage_Deleting")));
        await DeleteAsync(job, uncoupled, [.. item.OptionCouplings.Values], ct);
        done.UnionWith(uncoupled.Select(c => c.Id));
        job.Uncoupled = uncoupled.Count + item.OptionCouplings.Count;
        job.Failed = failures.Count;
        if (failures.Count > 0)
            await LogFailuresAsync(job, mapping, couplings.Where(c => failures.ContainsKey(c.Id)).ToList(), failures, ct);

        var messages = new List<string> { UncouplingText.Get("Summary", job.Uncoupled, job.Failed) };
        if (item.WholeMapping && ownRows is not null)
        {
            // Stuck rows: still carrying this company's id, but coupled by nobody now.
            var dataverseTable = mapping.DataverseTable;
            var stillCoupled = new HashSet<Guid>();
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                foreach (var chunk in ownRows.Where(id => !cleared.Contains(id)).Chunk(400))
                    stillCoupled.UnionWith(await db.Couplings.AsNoTracking().Where(c => c.DataverseTable == dataverseTable && chunk.Contains(c.DataverseId)).Select(c => c.DataverseId).ToListAsync(ct));
            }
            var stuck = ownRows.Where(id => !cleared.Contains(id) && !stillCoupled.Contains(id)).ToHashSet();
            if (stuck.Count > 0)
            {
                var stuckFailures = await ClearCompanyIdAsync(table, stuck, ct);
                if (stuck.Count > stuckFailures.Count)
                    messages.Add(UncouplingText.Get("StuckRowsCleared", stuck.Count - stuckFailures.Count));
                if (stuckFailures.Count > 0)
                {
                    var text = UncouplingText.Get("StuckRowsFailed", stuckFailures.Count, stuckFailures.Values.First().Message);
                    messages.Add(text);
                    job.Errors.Add(new IntegrationSynchJobError
                    {
                        JobId = job.Id,
                        SourceDescription = Truncate(mapping.Name, 250),
                        DestinationDescription = Truncate($"{mapping.DataverseTable} ({stuckFailures.Count})", 250),
                        Message = Truncate(text, 250),
                        Detail = string.Join(Environment.NewLine, stuckFailures.Select(f => $"{mapping.DataverseTable} {f.Key}: {f.Value.Message}")),
                        IsTransient = stuckFailures.Values.All(f => f.Transient),
                        OccurredAt = clock.GetUtcNow().UtcDateTime,
                    });
                }
            }
        }
        job.Message = string.Join(" ", messages);
        progress?.Report(new JobProgress(total, total, null));
        logger.LogInformation("Uncoupling {Mapping}: {Uncoupled} uncoupled, {Failed} failed", mapping.Name, job.Uncoupled, job.Failed);
        return children;
    }

    /// <summary>
    /// Clears bcbi_companyid on the rows ($batch of PATCHes with the navigation property set to null, If-Match: *). A row
    /// that no longer exists counts as cleared. Returns the rows whose clear failed, with the error.
    /// </summary>
    private async Task<Dictionary<Guid, (string Message, bool Transient)>> ClearCompanyIdAsync(DataverseTable table, IReadOnlyCollection<Guid> rows, CancellationToken ct)
    {
        var failures = new Dictionary<Guid, (string, bool)>();
        if (rows.Count == 0) return failures;
        var ids = rows.ToList();
        var operations = ids.Select(id => (BatchItem)BatchOperation.Update(table, id, new JsonObject { [DataverseSchema.CompanyIdColumn] = null })).ToList();
        var result = await client.ExecuteBatchAsync(operations, new BatchOptions { MaxOperationsPerBatch = _options.BatchSize }, ct);
        foreach (var operation in result.Operations)
        {
            if (operation.Succeeded || operation.StatusCode == 404) continue;
            var error = operation.Error;
            failures[ids[operation.Index]] = (error?.Message ?? $"HTTP {operation.StatusCode}", error?.IsTransient ?? false);
        }
        return failures;
    }

    /// <summary>
    /// The contact couplings whose Dataverse contact has one of <paramref name="accounts"/> as parent: read with one query
    /// per chunk, from whichever side is smaller (the coupled contacts by id, or the contacts under the accounts).
    /// </summary>
    private async Task<List<Coupling>> ChildContactCouplingsAsync(HashSet<Guid> accounts, CancellationToken ct)
    {
        List<Coupling> contactCouplings;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            contactCouplings = await db.Couplings.AsNoTracking().Where(c => c.DataverseTable == ContactTable).ToListAsync(ct);
        if (contactCouplings.Count == 0) return [];

        var contacts = MappedRows.Table(ContactTable);
        const string parent = "_parentcustomerid_value";
        var children = new HashSet<Guid>();
        if (contactCouplings.Count <= accounts.Count)
        {
            foreach (var chunk in contactCouplings.Select(c => c.DataverseId).Chunk(_options.IdsPerQuery))
            {
                var query = DataverseQuery.From(contacts).Select(contacts.PrimaryKey, parent).Where(Filter.In(contacts.PrimaryKey, chunk.Cast<object?>()));
                await foreach (var row in client.QueryAsync(query, _options.DataversePageSize, ct))
                {
                    if (row.GetGuid(parent) is { } account && accounts.Contains(account))
                        children.Add(row.GetId(contacts));
                }
            }
        }
        else
        {
            foreach (var chunk in accounts.Chunk(_options.IdsPerQuery))
            {
                var query = DataverseQuery.From(contacts).Select(contacts.PrimaryKey).Where(Filter.In(parent, chunk.Cast<object?>()));
                await foreach (var row in client.QueryAsync(query, _options.DataversePageSize, ct))
                    children.Add(row.GetId(contacts));
            }
        }
        return [.. contactCouplings.Where(c => children.Contains(c.DataverseId))];
    }

    /// <summary>Deletes the couplings (by id, in chunks) and writes an "Uncouple" line into each record's history.</summary>
    private async Task DeleteAsync(IntegrationSynchJob job, List<Coupling> couplings, List<OptionCoupling> optionCouplings, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var chunk in couplings.Chunk(1000))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ids = chunk.Select(c => c.Id).ToList();
            await db.Couplings.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            await BulkInserter.InsertRowsAsync(db, [.. chunk.Select(c => History(job, c.LocalSystemId, c.DataverseId, now))], ct);
            await transaction.CommitAsync(ct);
        }
        foreach (var chunk in optionCouplings.Chunk(1000))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ids = chunk.Select(c => c.Id).ToList();
            await db.OptionCouplings.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            await BulkInserter.InsertRowsAsync(db, [.. chunk.Select(c => History(job, c.LocalSystemId, null, now))], ct);
            await transaction.CommitAsync(ct);
        }
    }

    private static SyncRecordChange History(IntegrationSynchJob job, Guid localSystemId, Guid? dataverseId, DateTime now) => new()
    {
        JobId = job.Id,
        MappingName = job.MappingName,
        Direction = job.Direction,
        LocalSystemId = localSystemId,
        DataverseId = dataverseId,
        Action = SyncAction.Uncouple,
        OccurredAt = now,
    };

    private async Task LogFailuresAsync(IntegrationSynchJob job, IntegrationTableMapping mapping, List<Coupling> failed,
        Dictionary<Guid, (string Message, bool Transient)> failures, CancellationToken ct)
    {
        Dictionary<Guid, string> descriptions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var records = await LocalRecordQuery.LoadAsync(LocalRecordQuery.Query(db, mapping.LocalTable, RecordFilter.Empty), [.. failed.Select(c => c.LocalSystemId)], ct);
            descriptions = records.ToDictionary(r => r.SystemId, r => MappedRows.Describe(mapping.LocalTable, r));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var coupling in failed)
        {
            var (message, transient) = failures[coupling.Id];
            var source = descriptions.GetValueOrDefault(coupling.LocalSystemId) ?? $"{mapping.LocalTable} {coupling.LocalSystemId}";
            var destination = $"{mapping.DataverseTable} {coupling.DataverseId}";
            var text = UncouplingText.Get("UncouplingFailed", source, destination, message);
            job.Errors.Add(new IntegrationSynchJobError
            {
                JobId = job.Id,
                SourceRecordId = coupling.LocalSystemId,
                SourceDescription = Truncate(source, 250),
                DestinationRecordId = coupling.DataverseId,
                DestinationDescription = Truncate(destination, 250),
                Message = Truncate(text, 250),
                Detail = text,
                IsTransient = transient,
                OccurredAt = now,
            });
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
