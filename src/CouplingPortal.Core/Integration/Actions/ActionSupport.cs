using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Actions;

/// <summary>Lookups the user actions share: which mapping serves a table, which records and rows exist, chunked.</summary>
internal static class ActionSupport
{
    public const int Chunk = 400;

    /// <summary>
    /// The row mapping of a local table: the named one, or (BC's rule when several map one table) the enabled one
    /// first, then by name. Null when the table has none.
    /// </summary>
    public static async Task<IntegrationTableMapping?> MappingForAsync(PortalDbContext db, LocalTable table, string? mappingName, CancellationToken ct)
    {
        var query = db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
            .Where(m => m.LocalTable == table && m.Kind == MappingKind.Table);
        if (mappingName is not null)
            query = query.Where(m => m.Name == mappingName);
        return await query.OrderByDescending(m => m.Enabled).ThenBy(m => m.Name).FirstOrDefaultAsync(ct);
    }

    public static Task<IntegrationTableMapping?> MappingAsync(PortalDbContext db, string mappingName, CancellationToken ct) =>
        db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).FirstOrDefaultAsync(m => m.Name == mappingName, ct);

    /// <summary>The local record with this SystemId (any filter), or null.</summary>
    public static Task<MasterRecord?> LocalRecordAsync(PortalDbContext db, LocalTable table, Guid systemId, CancellationToken ct) =>
        LocalRecordQuery.Query(db, table, Filters.RecordFilter.Empty).FirstOrDefaultAsync(r => r.SystemId == systemId, ct);

    /// <summary>Which of these SystemIds exist in the query (in chunks).</summary>
    public static async Task<HashSet<Guid>> ExistingLocalIdsAsync(IQueryable<MasterRecord> query, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
            found.UnionWith(await query.Where(r => chunk.Contains(r.SystemId)).Select(r => r.SystemId).ToListAsync(ct));
        return found;
    }

    /// <summary>The rows with these ids that exist (and pass <paramref name="filter"/> when given), one query per chunk.</summary>
    public static async Task<Dictionary<Guid, DataverseRow>> DataverseRowsAsync(IDataverseClient client, string dataverseTable, IEnumerable<Guid> ids,
        IReadOnlyList<string> columns, Filter? filter, CancellationToken ct)
    {
        var table = MappedRows.Table(dataverseTable);
        var rows = new Dictionary<Guid, DataverseRow>();
        foreach (var chunk in ids.Distinct().Chunk(100))
        {
            var query = DataverseQuery.From(table).Select([.. columns.Append(table.PrimaryKey).Distinct()])
                .Where(Filter.In(table.PrimaryKey, chunk.Cast<object?>()));
            if (filter is not null)
                query = query.Where(filter);
            await foreach (var row in client.QueryAsync(query, ct: ct))
                rows[row.GetId(table)] = row;
        }
        return rows;
    }

    /// <summary>The couplings of these local records of a table (in chunks), tracked when <paramref name="tracked"/>.</summary>
    public static async Task<List<Coupling>> CouplingsOfLocalAsync(PortalDbContext db, LocalTable table, IEnumerable<Guid> ids, bool tracked, CancellationToken ct)
    {
        var result = new List<Coupling>();
        var set = tracked ? db.Couplings : db.Couplings.AsNoTracking();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
            result.AddRange(await set.Where(c => c.LocalTable == table && chunk.Contains(c.LocalSystemId)).ToListAsync(ct));
        return result;
    }

    public static async Task<List<Coupling>> CouplingsByIdAsync(PortalDbContext db, IEnumerable<Guid> couplingIds, CancellationToken ct)
    {
        var result = new List<Coupling>();
        foreach (var chunk in couplingIds.Distinct().Chunk(Chunk))
            result.AddRange(await db.Couplings.Where(c => chunk.Contains(c.Id)).ToListAsync(ct));
        return result;
    }

    public static bool SendsToDataverse(SyncDirection direction) => direction is SyncDirection.Bidirectional or SyncDirection.ToIntegrationTable;

    public static bool GetsFromDataverse(SyncDirection direction) => direction is SyncDirection.Bidirectional or SyncDirection.FromIntegrationTable;
}
