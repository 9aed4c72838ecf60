using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Dataverse;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.Components.Shared.Coupling;

/// <summary>One entry of a record's Synchronization Log: a change a job made to it, or an error a job had with it.</summary>
public sealed record SyncLogEntry(
    DateTime OccurredAt,
    Guid JobId,
    IntegrationJobType JobType,
    SyncDirection Direction,
    LocalTable? LocalTable,
    string DataverseTable,
    SyncAction? Action,
    IReadOnlyList<FieldChange> Changes,
    string? Error);

/// <summary>
/// What the coupling components read besides the user actions: the address of a coupled Dataverse record and a
/// record's synchronization timeline (SyncRecordChanges and job errors), newest first.
/// </summary>
public sealed class CouplingCardService(IDbContextFactory<PortalDbContext> dbFactory, IDataverseClient client, ILogger<CouplingCardService> logger)
{
    /// <summary>"account Adatum Corporation" for the coupling line; the table and id when the row cannot be read.</summary>
    public async Task<string> DescribeDataverseRowAsync(string dataverseTable, Guid id, CancellationToken ct = default)
    {
        var nameColumn = MappedRows.NameColumn(dataverseTable);
        if (nameColumn is null) return $"{dataverseTable} {id}";
        try
        {
            var row = await client.RetrieveAsync(MappedRows.Table(dataverseTable), id, [nameColumn], ct);
            return MappedRows.Describe(dataverseTable, row, id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation(ex, "Could not read the name of Dataverse {Table} {Id} for a card", dataverseTable, id);
            return $"{dataverseTable} {id}";
        }
    }

    public const int LogLimit = 200;

    /// <summary>The table mapping of a local table (with its field mappings), as the actions pick it; null when there is none.</summary>
    public async Task<IntegrationTableMapping?> MappingForAsync(LocalTable table, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .Where(m => m.LocalTable == table && m.Kind == MappingKind.Table).OrderByDescending(m => m.Enabled).ThenBy(m => m.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>A mapping by name, with its field mappings.</summary>
    public async Task<IntegrationTableMapping?> MappingAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).FirstOrDefaultAsync(m => m.Name == name, ct);
    }

    /// <summary>The Dataverse record's page (environment URL of the connection setup + main.aspx), or null without a setup.</summary>
    public async Task<string?> DataverseRecordUrlAsync(string dataverseTable, Guid dataverseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var environment = await db.DataverseConnectionSetup.AsNoTracking().Select(s => s.EnvironmentUrl).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(environment)) return null;
        return $"{environment.TrimEnd('/')}/main.aspx?etn={Uri.EscapeDataString(dataverseTable)}&pagetype=entityrecord&id={dataverseId}";
    }

    /// <summary>The record's timeline: changes by its SystemId and by its coupled Dataverse id, plus its job errors; newest first.</summary>
    public async Task<IReadOnlyList<SyncLogEntry>> SyncLogAsync(LocalTable table, Guid systemId, Guid? dataverseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dvId = dataverseId ?? Guid.Empty;
        var changes = await db.SyncRecordChanges.AsNoTracking()
            .Where(c => c.LocalSystemId == systemId || (dataverseId != null && c.DataverseId == dvId))
            .OrderByDescending(c => c.Id).Take(LogLimit).ToListAsync(ct);
        var errors = await db.IntegrationSynchJobErrors.AsNoTracking()
            .Where(e => e.SourceRecordId == systemId || e.DestinationRecordId == systemId
                || (dataverseId != null && (e.SourceRecordId == dvId || e.DestinationRecordId == dvId)))
            .OrderByDescending(e => e.Id).Take(LogLimit).ToListAsync(ct);
        var jobIds = changes.Select(c => c.JobId).Concat(errors.Select(e => e.JobId)).Distinct().ToList();
        var jobs = await db.IntegrationSynchJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).Where(j => !j.IsDryRun)
            .ToDictionaryAsync(j => j.Id, ct);
        var mappingNames = jobs.Values.Select(j => j.MappingName).Distinct().ToList();
        var mappings = await db.IntegrationTableMappings.AsNoTracking().Where(m => mappingNames.Contains(m.Name))
            .ToDictionaryAsync(m => m.Name, m => (m.LocalTable, m.DataverseTable), ct);

        var entries = new List<SyncLogEntry>();
        foreach (var change in changes)
        {
            if (!jobs.TryGetValue(change.JobId, out var job)) continue;
            var tables = mappings.GetValueOrDefault(job.MappingName, (table, ""));
            entries.Add(new SyncLogEntry(change.OccurredAt, job.Id, job.Type, change.Direction, tables.Item1, tables.Item2, change.Action, change.Changes, null));
        }
        foreach (var error in errors)
        {
            if (!jobs.TryGetValue(error.JobId, out var job)) continue;
            var tables = mappings.GetValueOrDefault(job.MappingName, (table, ""));
            entries.Add(new SyncLogEntry(error.OccurredAt, job.Id, job.Type, job.Direction, tables.Item1, tables.Item2, null, [], error.Message));
        }
        return [.. entries.OrderByDescending(e => e.OccurredAt).Take(LogLimit)];
    }
}
