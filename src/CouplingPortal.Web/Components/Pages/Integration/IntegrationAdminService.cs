using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.Components.Pages.Integration;

/// <summary>One row of the Integration Table Mappings list: the mapping and its coupling counts.</summary>
/// <param name="Errors">Couplings whose last synchronization failed in either direction.</param>
public sealed record MappingOverview(IntegrationTableMapping Mapping, int Couplings, int Errors, int Skipped);

/// <summary>A page of the jobs log, newest first; <paramref name="Tables"/> gives each mapping's two tables for the direction text.</summary>
public sealed record JobPage(IReadOnlyList<IntegrationSynchJob> Items, int TotalCount, IReadOnlyDictionary<string, MappingTables> Tables);

public sealed record MappingTables(LocalTable LocalTable, string DataverseTable);

/// <summary>The counters of the runs of one day, for the chart of recent runs.</summary>
public sealed record JobDay(DateOnly Day, int Runs, int Inserted, int Modified, int Deleted, int Unchanged, int Skipped, int Failed);

/// <summary>One line of Coupled Data Synchronization Errors (BC's CRM Synch. Conflict Buffer).</summary>
/// <param name="RecordExists">The local record still exists.</param>
/// <param name="CoupledRecordExists">False when the latest error says the Dataverse row was deleted; true otherwise (not checked against Dataverse).</param>
public sealed record SyncErrorLine(
    Guid CouplingId, string MappingName, LocalTable Table, string DataverseTable, string Description, Guid LocalSystemId, Guid DataverseId,
    bool RecordExists, bool CoupledRecordExists, bool Skipped, string ErrorMessage, string? Detail, bool IsTransient, DateTime? FailedOn);

public sealed record SyncErrorPage(IReadOnlyList<SyncErrorLine> Items, bool HasMore);

/// <summary>
/// Every database read and write of the coupling administration screens (Integration Table Mappings, Fields, jobs
/// log, Coupled Data Synchronization Errors). Engine actions (synchronize, match, uncouple) are not here: they belong
/// to the engine's service layer.
/// </summary>
public sealed class IntegrationAdminService(IDbContextFactory<PortalDbContext> dbFactory, DefaultSynchronizationSetup defaultSetup, IntegrationJobQueue jobQueue)
{
    public const int SyncErrorPageSize = 100;

    /// <summary>The mappings with their coupling, error and skipped counts: two queries, whatever the number of mappings.</summary>
    public async Task<IReadOnlyList<MappingOverview>> ListMappingsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mappings = await db.IntegrationTableMappings.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        var counts = await db.Couplings
            .Select(c => new { c.MappingName, Failed = c.LastResultToDataverse == SyncResult.Failure || c.LastResultFromDataverse == SyncResult.Failure, c.Skipped })
            .Concat(db.OptionCouplings.Select(c => new { c.MappingName, Failed = c.LastResultToDataverse == SyncResult.Failure || c.LastResultFromDataverse == SyncResult.Failure, c.Skipped }))
            .GroupBy(c => c.MappingName)
            .Select(g => new { Name = g.Key, Couplings = g.Count(), Errors = g.Count(c => c.Failed), Skipped = g.Count(c => c.Skipped) })
            .ToDictionaryAsync(c => c.Name, ct);
        return [.. mappings.Select(m => counts.TryGetValue(m.Name, out var c)
            ? new MappingOverview(m, c.Couplings, c.Errors, c.Skipped)
            : new MappingOverview(m, 0, 0, 0))];
    }

    public async Task<IReadOnlyList<string>> MappingNamesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationTableMappings.OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(ct);
    }

    /// <summary>A detached copy of the mapping with its field mappings (by line), for editing; null when it does not exist.</summary>
    public async Task<IntegrationTableMapping?> GetMappingAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .SingleOrDefaultAsync(m => m.Name == name, ct);
        mapping?.FieldMappings.Sort((a, b) => a.LineNo.CompareTo(b.LineNo));
        return mapping;
    }

    /// <summary>
    /// Validates <paramref name="edited"/> (with its field mappings) and, when valid, stores its editable settings:
    /// direction, filters, company filter, multi-company sync, Synch. Only Coupled Records, conflict resolutions,
    /// dependencies, recurrence, match-based coupling options and Enabled. An option mapping passes its direction on to
    /// its field mappings, as BC does. Nothing is stored when there is an error.
    /// </summary>
    public async Task<IReadOnlyList<MappingError>> SaveMappingAsync(IntegrationTableMapping edited, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.IntegrationTableMappings.Include(m => m.FieldMappings).SingleOrDefaultAsync(m => m.Name == edited.Name, ct)
            ?? throw new InvalidOperationException($"The integration table mapping {edited.Name} does not exist.");
        // The kind, tables and field mappings are not edited here: validate the stored ones with the edited settings.
        edited.FieldMappings = [.. stored.FieldMappings.Select(f => Edited(f, f))];
        if (stored.Kind == MappingKind.Option && edited.Direction != SyncDirection.Bidirectional)
        {
            foreach (var field in edited.FieldMappings) field.Direction = edited.Direction;
        }
        edited.Kind = stored.Kind;
        edited.LocalTable = stored.LocalTable;
        edited.DataverseTable = stored.DataverseTable;
        edited.DataverseOptionColumn = stored.DataverseOptionColumn;
        var names = await db.IntegrationTableMappings.Select(m => m.Name).ToListAsync(ct);
        var errors = IntegrationMappingValidator.Validate(edited, names);
        if (errors.Count > 0) return errors;

        stored.Direction = edited.Direction;
        stored.TableFilter = edited.TableFilter;
        stored.IntegrationTableFilter = edited.IntegrationTableFilter;
        stored.CompanyFilter = edited.CompanyFilter;
        stored.MultiCompanySyncEnabled = edited.MultiCompanySyncEnabled;
        stored.SynchOnlyCoupledRecords = edited.SynchOnlyCoupledRecords;
        stored.UpdateConflictResolution = edited.UpdateConflictResolution;
        stored.DeletionConflictResolution = edited.DeletionConflictResolution;
        stored.Dependencies = [.. edited.Dependencies];
        stored.CreateNewInCaseOfNoMatch = edited.CreateNewInCaseOfNoMatch;
        stored.SynchronizeAfterMatchBasedCoupling = edited.SynchronizeAfterMatchBasedCoupling;
        stored.RecurrenceIntervalMinutes = edited.RecurrenceIntervalMinutes;
        stored.InactivityTimeoutMinutes = edited.InactivityTimeoutMinutes;
        stored.DisableEventDrivenRescheduling = edited.DisableEventDrivenRescheduling;
        stored.Enabled = edited.Enabled;
        if (stored.Kind == MappingKind.Option)
        {
            foreach (var field in stored.FieldMappings) field.Direction = stored.Direction;
        }
        await db.SaveChangesAsync(ct);
        // A changed direction, schedule or Enabled changes which recurring synchronization entries the queue holds.
        await jobQueue.EnsureRecurringEntriesAsync(ct);
        return [];
    }

    /// <summary>
    /// Validates the mapping with <paramref name="fields"/> in place of its stored field mappings and, when valid, stores
    /// their editable settings (direction, status, constant, transformation, clear value on failed sync, validate field,
    /// match-based coupling options). For an option mapping, the field direction becomes the mapping's direction too.
    /// </summary>
    public async Task<IReadOnlyList<MappingError>> SaveFieldMappingsAsync(string mappingName, IReadOnlyList<IntegrationFieldMapping> fields, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.IntegrationTableMappings.Include(m => m.FieldMappings).SingleOrDefaultAsync(m => m.Name == mappingName, ct)
            ?? throw new InvalidOperationException($"The integration table mapping {mappingName} does not exist.");
        var byId = fields.ToDictionary(f => f.Id);
        var candidate = await db.IntegrationTableMappings.AsNoTracking().SingleAsync(m => m.Name == mappingName, ct);
        candidate.FieldMappings = [.. stored.FieldMappings.Select(f => byId.TryGetValue(f.Id, out var edited) ? Edited(f, edited) : f)];
        if (candidate.Kind == MappingKind.Option && candidate.FieldMappings.Select(f => f.Direction).Distinct().Count() == 1)
            candidate.Direction = candidate.FieldMappings[0].Direction;
        var names = await db.IntegrationTableMappings.Select(m => m.Name).ToListAsync(ct);
        var errors = IntegrationMappingValidator.Validate(candidate, names);
        if (errors.Count > 0) return errors;

        foreach (var field in stored.FieldMappings)
        {
            if (!byId.TryGetValue(field.Id, out var edited)) continue;
            field.Direction = edited.Direction;
            field.Status = edited.Status;
            field.ConstantValue = string.IsNullOrEmpty(edited.ConstantValue) ? null : edited.ConstantValue;
            field.Transformation = edited.Transformation;
            field.ClearValueOnFailedSync = edited.ClearValueOnFailedSync;
            field.ValidateField = edited.ValidateField;
            field.UseForMatchBasedCoupling = edited.UseForMatchBasedCoupling;
            field.CaseSensitiveMatching = edited.CaseSensitiveMatching;
            field.MatchPriority = edited.MatchPriority;
        }
        stored.Direction = candidate.Direction;
        await db.SaveChangesAsync(ct);
        return [];
    }

    private static IntegrationFieldMapping Edited(IntegrationFieldMapping stored, IntegrationFieldMapping edited) => new()
    {
        Id = stored.Id,
        MappingName = stored.MappingName,
        LineNo = stored.LineNo,
        LocalField = stored.LocalField,
        DataverseColumn = stored.DataverseColumn,
        ConstantOnInsertOnly = stored.ConstantOnInsertOnly,
        NotNull = stored.NotNull,
        LookupTranslation = stored.LookupTranslation,
        TranslationMappingName = stored.TranslationMappingName,
        UserDefined = stored.UserDefined,
        Direction = edited.Direction,
        Status = edited.Status,
        ConstantValue = string.IsNullOrEmpty(edited.ConstantValue) ? null : edited.ConstantValue,
        Transformation = edited.Transformation,
        ClearValueOnFailedSync = edited.ClearValueOnFailedSync,
        ValidateField = edited.ValidateField,
        UseForMatchBasedCoupling = edited.UseForMatchBasedCoupling,
        CaseSensitiveMatching = edited.CaseSensitiveMatching,
        MatchPriority = edited.MatchPriority,
    };

    /// <summary>
    /// "Use Default Synchronization Setup" for the named default mappings, or creates all defaults when
    /// <paramref name="mappingNames"/> is null, for the company of the saved Dataverse connection setup (CRONUS before
    /// one is saved). User-defined names are left out, as BC only resets its own defaults.
    /// </summary>
    public async Task<DefaultSetupResult> UseDefaultSetupAsync(IReadOnlyCollection<string>? mappingNames, CancellationToken ct = default)
    {
        Guid companyId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            companyId = await db.DataverseConnectionSetup.AsNoTracking()
                .Where(s => s.Id == DataverseConnectionSetup.SingletonId).Select(s => (Guid?)s.CompanyId).SingleOrDefaultAsync(ct)
                ?? DataverseConnectionSetup.DefaultCompanyId;
        }
        var defaults = mappingNames?.Where(n => DefaultMappings.Names.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        var result = await defaultSetup.ApplyAsync(defaults, companyId, ct);
        await jobQueue.EnsureRecurringEntriesAsync(ct);
        return result;
    }

    /// <summary>Jobs newest first (by when they were queued), optionally of one mapping and one type, one page at a time.</summary>
    public async Task<JobPage> ListJobsAsync(string? mappingName, IntegrationJobType? type, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Jobs(db, mappingName, type);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(j => j.QueuedAt).ThenByDescending(j => j.Id)
            .Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var tables = await db.IntegrationTableMappings.ToDictionaryAsync(m => m.Name, m => new MappingTables(m.LocalTable, m.DataverseTable), ct);
        return new JobPage(items, total, tables);
    }

    /// <summary>The errors of one job, oldest first.</summary>
    public async Task<IReadOnlyList<IntegrationSynchJobError>> JobErrorsAsync(Guid jobId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationSynchJobErrors.AsNoTracking().Where(e => e.JobId == jobId)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>The counters of the runs queued in the last <paramref name="days"/> days (UTC), summed per day, oldest day first.</summary>
    public async Task<IReadOnlyList<JobDay>> RecentRunsByDayAsync(string? mappingName, IntegrationJobType? type, DateTime nowUtc, int days, CancellationToken ct = default)
    {
        var first = DateOnly.FromDateTime(nowUtc).AddDays(1 - days);
        var from = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Only the counters travel; the per-day sum is done here so SQLite and PostgreSQL need no date functions.
        var runs = await Jobs(db, mappingName, type).Where(j => j.QueuedAt >= from)
            .Select(j => new { j.QueuedAt, j.Inserted, j.Modified, j.Deleted, j.Unchanged, j.Skipped, j.Failed })
            .ToListAsync(ct);
        var byDay = runs.GroupBy(r => DateOnly.FromDateTime(r.QueuedAt)).ToDictionary(g => g.Key);
        return [.. Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day => byDay.TryGetValue(day, out var g)
            ? new JobDay(day, g.Count(), g.Sum(r => r.Inserted), g.Sum(r => r.Modified), g.Sum(r => r.Deleted), g.Sum(r => r.Unchanged), g.Sum(r => r.Skipped), g.Sum(r => r.Failed))
            : new JobDay(day, 0, 0, 0, 0, 0, 0, 0))];
    }

    private static IQueryable<IntegrationSynchJob> Jobs(PortalDbContext db, string? mappingName, IntegrationJobType? type)
    {
        var query = db.IntegrationSynchJobs.AsNoTracking();
        if (!string.IsNullOrEmpty(mappingName)) query = query.Where(j => j.MappingName == mappingName);
        if (type is { } t) query = query.Where(j => j.Type == t);
        return query;
    }

    /// <summary>
    /// Couplings that are Skipped or whose last synchronization failed, the most recently failed first, with the latest
    /// error of each (its job error when there is one, else the coupling's last error text). A page costs a fixed number
    /// of queries: the couplings, their job errors, and one query per local table on the page for the descriptions.
    /// </summary>
    public async Task<SyncErrorPage> ListSyncErrorsAsync(int skip, int take = SyncErrorPageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var couplings = await db.Couplings.AsNoTracking()
            .Where(c => c.Skipped || c.LastResultToDataverse == SyncResult.Failure || c.LastResultFromDataverse == SyncResult.Failure)
            .OrderByDescending(c => db.IntegrationSynchJobs
                .Where(j => j.Id == c.LastJobIdToDataverse || j.Id == c.LastJobIdFromDataverse)
                .Max(j => (DateTime?)j.QueuedAt))
            .ThenBy(c => c.Id)
            .Skip(skip).Take(take + 1).ToListAsync(ct);
        var hasMore = couplings.Count > take;
        if (hasMore) couplings.RemoveAt(take);

        var jobIds = couplings.SelectMany(c => new[] { c.LastJobIdToDataverse, c.LastJobIdFromDataverse }).OfType<Guid>().Distinct().ToList();
        var errors = await db.IntegrationSynchJobErrors.AsNoTracking().Where(e => jobIds.Contains(e.JobId)).ToListAsync(ct);
        var descriptions = new Dictionary<Guid, string>();
        foreach (var group in couplings.GroupBy(c => c.LocalTable))
        {
            foreach (var (id, text) in await DescribeAsync(db, group.Key, [.. group.Select(c => c.LocalSystemId)], ct))
                descriptions[id] = text;
        }

        var lines = couplings.Select(c =>
        {
            var latest = errors
                .Where(e => (e.JobId == c.LastJobIdToDataverse || e.JobId == c.LastJobIdFromDataverse)
                    && (e.SourceRecordId == c.LocalSystemId || e.SourceRecordId == c.DataverseId
                        || e.DestinationRecordId == c.LocalSystemId || e.DestinationRecordId == c.DataverseId))
                .OrderByDescending(e => e.OccurredAt).FirstOrDefault();
            var message = latest?.Message ?? c.LastErrorToDataverse ?? c.LastErrorFromDataverse ?? "";
            var recordExists = descriptions.TryGetValue(c.LocalSystemId, out var description);
            var coupledDeleted = recordExists && SyncErrorHint.Classify(message, latest?.IsTransient ?? false) == SyncErrorKind.CoupledToDeletedRecord;
            return new SyncErrorLine(c.Id, c.MappingName, c.LocalTable, c.DataverseTable, description ?? "", c.LocalSystemId, c.DataverseId,
                recordExists, !coupledDeleted, c.Skipped, message, latest?.Detail, latest?.IsTransient ?? false, latest?.OccurredAt);
        }).ToList();
        return new SyncErrorPage(lines, hasMore);
    }

    /// <summary>"No Name" of each existing record of <paramref name="table"/> among <paramref name="ids"/> (one query).</summary>
    private static async Task<Dictionary<Guid, string>> DescribeAsync(PortalDbContext db, LocalTable table, List<Guid> ids, CancellationToken ct) => table switch
    {
        LocalTable.Customer => await db.Customers.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.No + " " + r.Name, ct),
        LocalTable.Vendor => await db.Vendors.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.No + " " + r.Name, ct),
        LocalTable.Contact => await db.Contacts.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.No + " " + r.Name, ct),
        LocalTable.Item => await db.Items.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.No + " " + r.Description, ct),
        LocalTable.Resource => await db.Resources.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.No + " " + r.Name, ct),
        LocalTable.SalespersonPurchaser => await db.SalespeoplePurchasers.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.Code + " " + r.Name, ct),
        LocalTable.Currency => await db.Currencies.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.Code + " " + r.Description, ct),
        LocalTable.PaymentTerms => await db.PaymentTerms.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.Code + " " + r.Description, ct),
        LocalTable.ShipmentMethod => await db.ShipmentMethods.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.Code + " " + r.Description, ct),
        LocalTable.ShippingAgent => await db.ShippingAgents.Where(r => ids.Contains(r.SystemId)).ToDictionaryAsync(r => r.SystemId, r => r.Code + " " + r.Name, ct),
        _ => [],
    };
}
