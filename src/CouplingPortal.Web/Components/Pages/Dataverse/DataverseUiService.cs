using System.Security.Claims;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Dataverse.Configuration;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.Components.Pages.Dataverse;

/// <summary>A portal record offered by the Couple dialog: its key (No.) and name or description.</summary>
public sealed record PortalRecordChoice(Guid SystemId, string No, string Name);

/// <summary>Counters of the jobs a bulk insert and couple ran.</summary>
public sealed record BulkJobTotals(int Jobs, int Inserted, int Modified, int Skipped, int Failed);

/// <summary>One Dataverse-side list: its route segment, Dataverse table and the mappings it can be shown for.</summary>
public sealed record DataverseListKind(string Segment, string DataverseTable, string TitleKey, IReadOnlyList<string> Mappings);

/// <summary>
/// What the Dataverse-side pages need from the portal's own data: the card URL of a local record (found by SystemId),
/// the records a Dataverse row can be coupled to, and the requesting user's name.
/// </summary>
public sealed class DataverseUiService(IDbContextFactory<PortalDbContext> dbFactory, IDataverseEndpoint endpoint)
{
    /// <summary>The Dataverse record page of a row (Dynamics' main.aspx form; the emulator serves the same address).</summary>
    public string? DataverseRecordUrl(string dataverseTable, Guid id) =>
        endpoint.IsConfigured ? new Uri(endpoint.EnvironmentUrl, $"main.aspx?etn={Uri.EscapeDataString(dataverseTable)}&pagetype=entityrecord&id={id:D}").AbsoluteUri : null;

    public static readonly IReadOnlyList<DataverseListKind> Lists =
    [
        new("accounts", "account", "Dv_Accounts", [DefaultMappings.Customer, DefaultMappings.Vendor]),
        new("contacts", "contact", "Dv_Contacts", [DefaultMappings.Contact]),
        new("products", "product", "Dv_Products", [DefaultMappings.ItemProduct, DefaultMappings.ResourceProduct]),
    ];

    /// <summary>The card route of a table: customers, vendors, contacts, items, resources; null for tables without a card.</summary>
    public static string? CardSegment(LocalTable table) => table switch
    {
        LocalTable.Customer => "customers",
        LocalTable.Vendor => "vendors",
        LocalTable.Contact => "contacts",
        LocalTable.Item => "items",
        LocalTable.Resource => "resources",
        _ => null,
    };

    /// <summary>"/customers/10000" for the record with this SystemId, or null when it no longer exists or has no card.</summary>
    public async Task<string?> CardUrlAsync(LocalTable table, Guid systemId, CancellationToken ct = default)
    {
        if (CardSegment(table) is not { } segment) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = await LocalRecordQuery.Query(db, table, RecordFilter.Empty).FirstOrDefaultAsync(r => r.SystemId == systemId, ct);
        return record is null ? null : CardUrl(segment, (string?)LocalTables.GetValue(table, record, LocalTables.KeyField(table)));
    }

    /// <summary>The card URLs of many records of one table at once (the Coupled markers of a list page).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> CardUrlsAsync(LocalTable table, IReadOnlyCollection<Guid> systemIds, CancellationToken ct = default)
    {
        if (CardSegment(table) is not { } segment || systemIds.Count == 0) return new Dictionary<Guid, string>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var records = await LocalRecordQuery.LoadAsync(LocalRecordQuery.Query(db, table, RecordFilter.Empty), systemIds, ct);
        var key = LocalTables.KeyField(table);
        return records.ToDictionary(r => r.SystemId, r => CardUrl(segment, (string?)LocalTables.GetValue(table, r, key)));
    }

    private static string CardUrl(string segment, string? no) => $"/{segment}/{Uri.EscapeDataString(no ?? "")}";

    /// <summary>Records of the mapping's table (in its table filter) whose No. or name contains <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<PortalRecordChoice>> SearchPortalAsync(string mappingName, string? text, int top = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.AsNoTracking().FirstOrDefaultAsync(m => m.Name == mappingName, ct);
        if (mapping is null) return [];
        var table = mapping.LocalTable;
        var key = LocalTables.KeyField(table);
        var nameField = LocalTables.Field(table, "Name") is not null ? "Name" : "Description";
        var records = await LocalRecordQuery.ForMapping(db, mapping).ToListAsync(ct);
        var needle = text?.Trim() ?? "";
        return [.. records
            .Select(r => new PortalRecordChoice(r.SystemId, (string?)LocalTables.GetValue(table, r, key) ?? "", (string?)LocalTables.GetValue(table, r, nameField) ?? ""))
            .Where(c => needle.Length == 0 || c.No.Contains(needle, StringComparison.OrdinalIgnoreCase) || c.Name.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.No, StringComparer.Ordinal)
            .Take(top)];
    }

    /// <summary>The local table of a mapping, or null when the mapping does not exist.</summary>
    public async Task<LocalTable?> LocalTableOfAsync(string mappingName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationTableMappings.AsNoTracking().Where(m => m.Name == mappingName).Select(m => (LocalTable?)m.LocalTable).FirstOrDefaultAsync(ct);
    }

    /// <summary>The summed counters of the synchronization jobs that ran for these queue entries (the bulk wizard's summary).</summary>
    public async Task<BulkJobTotals> JobTotalsAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = requestIds.Select(id => (Guid?)id).ToList();
        var jobs = await db.IntegrationSynchJobs.AsNoTracking().Where(j => ids.Contains(j.RequestId)).ToListAsync(ct);
        return new BulkJobTotals(jobs.Count, jobs.Sum(j => j.Inserted), jobs.Sum(j => j.Modified), jobs.Sum(j => j.Skipped), jobs.Sum(j => j.Failed));
    }

    /// <summary>The requesting user's name for RequestedBy.</summary>
    public static string UserName(ClaimsPrincipal? user) =>
        user?.Identity?.Name is { Length: > 0 } name ? name : "portal";
}
