using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>
/// The lookup translations of one run, loaded once before the first record (never per record): for each
/// <see cref="LookupTranslation.Coupling"/> field the referenced table's couplings joined with its local keys (code ↔
/// Dataverse id), for each <see cref="LookupTranslation.OptionCoupling"/> field the option couplings (code ↔ option
/// value), and for contacts the parent account through the company contact's business relation.
/// </summary>
internal sealed class LookupCache
{
    private readonly Dictionary<string, Translation> _byMapping = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, Guid>? _parentAccountByCompanyNo;
    private Dictionary<Guid, string>? _companyNoByParentAccount;

    internal sealed record Translation(string MappingName, LocalTable LocalTable, string DataverseTable,
        Dictionary<string, Guid> IdByCode, Dictionary<Guid, string> CodeById,
        Dictionary<string, int> OptionByCode, Dictionary<int, string> CodeByOption);

    public Translation? For(string? mappingName) =>
        mappingName is not null && _byMapping.TryGetValue(mappingName, out var t) ? t : null;

    public bool TryParentAccount(string companyNo, out Guid accountId)
    {
        accountId = Guid.Empty;
        return _parentAccountByCompanyNo is not null && _parentAccountByCompanyNo.TryGetValue(companyNo, out accountId);
    }

    public bool TryCompanyNo(Guid accountId, out string companyNo)
    {
        companyNo = "";
        return _companyNoByParentAccount is not null && _companyNoByParentAccount.TryGetValue(accountId, out companyNo!);
    }

    public static async Task<LookupCache> LoadAsync(PortalDbContext db, IEnumerable<IntegrationFieldMapping> fields, CancellationToken ct)
    {
        var cache = new LookupCache();
        foreach (var field in fields.Where(f => f.Status == FieldMappingStatus.Enabled))
        {
            switch (field.LookupTranslation)
            {
                case LookupTranslation.Coupling or LookupTranslation.OptionCoupling when field.TranslationMappingName is { } name && !cache._byMapping.ContainsKey(name):
                    var mapping = await db.IntegrationTableMappings.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
                    if (mapping is not null)
                        cache._byMapping[name] = await LoadTranslationAsync(db, mapping, ct);
                    break;
                case LookupTranslation.ParentAccountFromBusinessRelation when cache._parentAccountByCompanyNo is null:
                    await cache.LoadParentAccountsAsync(db, ct);
                    break;
            }
        }
        return cache;
    }

    private static async Task<Translation> LoadTranslationAsync(PortalDbContext db, IntegrationTableMapping mapping, CancellationToken ct)
    {
        var keys = await LocalKeysAsync(db, mapping.LocalTable, ct);
        Dictionary<string, Guid> idByCode = new(StringComparer.OrdinalIgnoreCase);
        Dictionary<Guid, string> codeById = [];
        Dictionary<string, int> optionByCode = new(StringComparer.OrdinalIgnoreCase);
        Dictionary<int, string> codeByOption = [];
        if (mapping.Kind == MappingKind.Option)
        {
            var options = await db.OptionCouplings.AsNoTracking().Where(o => o.MappingName == mapping.Name)
                .Select(o => new { o.LocalSystemId, o.OptionValue }).ToListAsync(ct);
            foreach (var o in options)
            {
                if (!keys.TryGetValue(o.LocalSystemId, out var code)) continue;
                optionByCode[code] = o.OptionValue;
                codeByOption[o.OptionValue] = code;
            }
        }
        else
        {
            var couplings = await db.Couplings.AsNoTracking()
                .Where(c => c.LocalTable == mapping.LocalTable && c.DataverseTable == mapping.DataverseTable && !c.DataverseCreatePending)
                .Select(c => new { c.LocalSystemId, c.DataverseId }).ToListAsync(ct);
            foreach (var c in couplings)
            {
                if (!keys.TryGetValue(c.LocalSystemId, out var code)) continue;
                idByCode[code] = c.DataverseId;
                codeById[c.DataverseId] = code;
            }
        }
        return new Translation(mapping.Name, mapping.LocalTable, mapping.DataverseTable, idByCode, codeById, optionByCode, codeByOption);
    }

    /// <summary>SystemId → key (No. or Code) of every record of the table, in one query.</summary>
    internal static async Task<Dictionary<Guid, string>> LocalKeysAsync(PortalDbContext db, LocalTable table, CancellationToken ct)
    {
        var keyField = LocalTables.KeyField(table);
        var method = typeof(LookupCache).GetMethod(nameof(KeysOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(LocalTables.EntityType(table));
        return await (Task<Dictionary<Guid, string>>)method.Invoke(null, [db, keyField, ct])!;
    }

    private static async Task<Dictionary<Guid, string>> KeysOfAsync<T>(PortalDbContext db, string keyField, CancellationToken ct) where T : MasterRecord =>
        await db.Set<T>().AsNoTracking().Select(e => new { e.SystemId, Key = EF.Property<string>(e, keyField) })
            .ToDictionaryAsync(e => e.SystemId, e => e.Key, ct);

    private async Task LoadParentAccountsAsync(PortalDbContext db, CancellationToken ct)
    {
        var companies = await db.Contacts.AsNoTracking()
            .Where(c => c.Type == ContactType.Company && c.BusinessRelation != BusinessRelation.None)
            .Select(c => new { c.No, c.BusinessRelation, c.BusinessRelationNo }).ToListAsync(ct);
        var customers = await db.Customers.AsNoTracking().Select(c => new { c.No, c.SystemId }).ToDictionaryAsync(c => c.No, c => c.SystemId, ct);
        var vendors = await db.Vendors.AsNoTracking().Select(c => new { c.No, c.SystemId }).ToDictionaryAsync(c => c.No, c => c.SystemId, ct);
        var accounts = await db.Couplings.AsNoTracking()
            .Where(c => (c.LocalTable == LocalTable.Customer || c.LocalTable == LocalTable.Vendor) && c.DataverseTable == "account" && !c.DataverseCreatePending)
            .Select(c => new { c.LocalTable, c.LocalSystemId, c.DataverseId }).ToListAsync(ct);
        var accountByLocal = accounts.ToDictionary(a => (a.LocalTable, a.LocalSystemId), a => a.DataverseId);

        _parentAccountByCompanyNo = new(StringComparer.OrdinalIgnoreCase);
        _companyNoByParentAccount = [];
        foreach (var company in companies)
        {
            var (table, ids) = company.BusinessRelation == BusinessRelation.Customer ? (LocalTable.Customer, customers) : (LocalTable.Vendor, vendors);
            if (!ids.TryGetValue(company.BusinessRelationNo, out var systemId) || !accountByLocal.TryGetValue((table, systemId), out var accountId))
                continue;
            _parentAccountByCompanyNo[company.No] = accountId;
            _companyNoByParentAccount.TryAdd(accountId, company.No);
        }
    }
}
