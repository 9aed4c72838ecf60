using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Dataverse;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Actions;

/// <summary>Where the open-from-Dataverse link leads: the coupled local record, or why there is none.</summary>
public sealed record DataverseOpenResult(LocalTable? Table, Guid? SystemId, bool Imported, string? Message)
{
    public bool Found => Table is not null && SystemId is not null;
}

/// <summary>
/// BC's CRM Redirect (bc-coupling.md §5): the Dataverse record page's Business Central button opens
/// <c>/dataverse/open?CRMType=account&amp;CRMID={id}</c>. The coupled record opens; an uncoupled row is imported and
/// coupled when its mapping allows it (Bidirectional or From Integration Table, Synch. Only Coupled Records off), and
/// otherwise the user is told why not. The import runs for this one row only, so the page can wait for it.
/// </summary>
public sealed class DataverseOpenActions(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    DataverseConnectionState connection,
    ISynchronizationEngine engine)
{
    public async Task<DataverseOpenResult> OpenAsync(string? crmType, string? crmId, string requestedBy, CancellationToken ct = default)
    {
        if (!await connection.IsEnabledAsync(ct))
            return new(null, null, false, CouplingActionText.Get("ConnectionDisabled"));
        var table = crmType?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(table) || !DataverseSchema.HasTable(table) || !Guid.TryParse(crmId?.Trim().Trim('{', '}'), out var id))
            return new(null, null, false, CouplingActionText.Get("OpenBadLink"));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mappings = await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .Where(m => m.DataverseTable == table && m.Kind == MappingKind.Table).OrderBy(m => m.Name).ToListAsync(ct);
        if (mappings.Count == 0)
            return new(null, null, false, CouplingActionText.Get("OpenUnknownTable", table));

        if (await FindCoupledAsync(db, table, id, ct) is { } coupled)
            return coupled;

        IntegrationTableMapping? target = null;
        foreach (var mapping in mappings)
        {
            var rows = await ActionSupport.DataverseRowsAsync(client, table, [id], [], IntegrationTableFilterTranslator.ToDataverseFilter(mapping), ct);
            if (rows.Count > 0) { target = mapping; break; }
        }
        var description = $"{table} {id}";
        if (target is null)
        {
            var exists = (await ActionSupport.DataverseRowsAsync(client, table, [id], [], null, ct)).Count > 0;
            return new(null, null, false, exists ? CouplingActionText.Get("OpenOutsideFilters", description, table) : CouplingActionText.Get("DataverseRowNotFound", id));
        }
        if (!ActionSupport.GetsFromDataverse(target.Direction) || target.SynchOnlyCoupledRecords)
            return new(null, null, false, CouplingActionText.Get("OpenNotAllowed", description, target.Name));

        var run = await engine.RunAsync(new SyncRequest
        {
            MappingName = target.Name,
            Direction = SyncDirection.FromIntegrationTable,
            DataverseIds = [id],
            SynchOnlyCoupledRecords = false,
            Force = true,
            RequestedBy = requestedBy,
        }, null, ct);
        if (await FindCoupledAsync(db, table, id, ct) is { } imported)
            return imported with { Imported = true };
        var jobIds = run.Jobs.Select(j => j.Id).ToList();
        var error = await db.IntegrationSynchJobErrors.AsNoTracking().Where(e => jobIds.Contains(e.JobId))
            .OrderBy(e => e.Id).Select(e => e.Message).FirstOrDefaultAsync(ct);
        return new(null, null, false, error is null ? CouplingActionText.Get("OpenNotFound") : CouplingActionText.Get("OpenNotFound") + " " + error);
    }

    private static async Task<DataverseOpenResult?> FindCoupledAsync(PortalDbContext db, string table, Guid id, CancellationToken ct)
    {
        var coupling = await db.Couplings.AsNoTracking().FirstOrDefaultAsync(c => c.DataverseTable == table && c.DataverseId == id, ct);
        if (coupling is null) return null;
        return await ActionSupport.LocalRecordAsync(db, coupling.LocalTable, coupling.LocalSystemId, ct) is null
            ? null
            : new DataverseOpenResult(coupling.LocalTable, coupling.LocalSystemId, false, null);
    }
}
