using System.Collections.Frozen;

namespace CouplingPortal.Core.Integration.Mappings;

public enum DataverseColumnType
{
    String = 0,
    /// <summary>Whole numbers, and choice / state / status columns (option values).</summary>
    Integer = 1,
    Decimal = 2,
    Boolean = 3,
    DateTime = 4,
    Guid = 5,
    /// <summary>A lookup: read and filtered as _name_value (a GUID), written with name@odata.bind.</summary>
    Lookup = 6,
}

/// <summary>A Dataverse column the portal's mappings may use.</summary>
/// <param name="LookupTarget">For lookups: the logical name of the table the lookup points at.</param>
public sealed record DataverseColumn(string Name, DataverseColumnType Type, string? LookupTarget = null)
{
    /// <summary>The property name in the Web API: _name_value for lookups, the logical name otherwise.</summary>
    public string PropertyName => Type == DataverseColumnType.Lookup ? "_" + Name + "_value" : Name;
}

/// <summary>
/// The Dataverse tables and columns the integration model knows (reference dataverse-webapi.md §1.4–1.5): what mappings
/// and integration table filters are validated against. A test checks every column against the emulator's $metadata.
/// </summary>
public static class DataverseSchema
{
    /// <summary>The column on company-scoped tables that says which ERP company claimed a row (reference §2.2).</summary>
    public const string CompanyIdColumn = "bcbi_companyid";

    private static DataverseColumn S(string name) => new(name, DataverseColumnType.String);
    private static DataverseColumn I(string name) => new(name, DataverseColumnType.Integer);
    private static DataverseColumn D(string name) => new(name, DataverseColumnType.Decimal);
    private static DataverseColumn B(string name) => new(name, DataverseColumnType.Boolean);
    private static DataverseColumn L(string name, string target) => new(name, DataverseColumnType.Lookup, target);

    private static IEnumerable<DataverseColumn> System(bool userOwned)
    {
        yield return new("createdon", DataverseColumnType.DateTime);
        yield return new("modifiedon", DataverseColumnType.DateTime);
        yield return L("createdby", "systemuser");
        yield return L("modifiedby", "systemuser");
        if (userOwned) yield return L("ownerid", "systemuser");
    }

    private static IEnumerable<DataverseColumn> Address1() =>
    [
        S("address1_line1"), S("address1_line2"), S("address1_city"), S("address1_postalcode"), S("address1_country"),
        S("address1_stateorprovince"), S("address1_primarycontactname"), I("address1_freighttermscode"), I("address1_shippingmethodcode"),
    ];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, DataverseColumn>> Tables =
        new Dictionary<string, IEnumerable<DataverseColumn>>
        {
            ["account"] = new[]
            {
                new DataverseColumn("accountid", DataverseColumnType.Guid), S("name"), S("accountnumber"), S("telephone1"), S("telephone2"),
                S("fax"), S("emailaddress1"), S("websiteurl"), I("customertypecode"), I("paymenttermscode"), D("creditlimit"),
                L("transactioncurrencyid", "transactioncurrency"), L("primarycontactid", "contact"), L("parentaccountid", "account"),
                L(CompanyIdColumn, "bcbi_company"), I("statecode"), I("statuscode"),
            }.Concat(Address1()).Concat(System(userOwned: true)),
            ["contact"] = new[]
            {
                new DataverseColumn("contactid", DataverseColumnType.Guid), S("firstname"), S("middlename"), S("lastname"), S("fullname"),
                S("emailaddress1"), S("telephone1"), S("telephone2"), S("mobilephone"), S("fax"), S("pager"), S("websiteurl"), S("jobtitle"),
                S("salutation"), L("parentcustomerid", "account"), L("transactioncurrencyid", "transactioncurrency"), L(CompanyIdColumn, "bcbi_company"),
                I("statecode"), I("statuscode"),
            }.Concat(Address1()).Concat(System(userOwned: true)),
            ["product"] = new[]
            {
                new DataverseColumn("productid", DataverseColumnType.Guid), S("productnumber"), S("name"), S("description"),
                I("producttypecode"), I("productstructure"), I("quantitydecimal"), D("price"), D("standardcost"), D("currentcost"),
                D("quantityonhand"), D("stockweight"), D("stockvolume"), S("vendorid"), S("vendorname"), S("vendorpartnumber"),
                L("transactioncurrencyid", "transactioncurrency"), L("defaultuomscheduleid", "uomschedule"), L("defaultuomid", "uom"),
                L(CompanyIdColumn, "bcbi_company"), I("statecode"), I("statuscode"),
            }.Concat(System(userOwned: false)),
            ["systemuser"] = new[]
            {
                new DataverseColumn("systemuserid", DataverseColumnType.Guid), S("firstname"), S("lastname"), S("fullname"),
                S("internalemailaddress"), S("personalemailaddress"), S("mobilephone"), S("jobtitle"), S("domainname"), B("isdisabled"), B("isintegrationuser"), B("islicensed"), I("accessmode"),
            }.Concat(System(userOwned: false)),
            ["transactioncurrency"] = new[]
            {
                new DataverseColumn("transactioncurrencyid", DataverseColumnType.Guid), S("isocurrencycode"), S("currencyname"),
                S("currencysymbol"), D("exchangerate"), I("currencyprecision"), I("statecode"), I("statuscode"),
            }.Concat(System(userOwned: false)),
        }.ToFrozenDictionary(t => t.Key, t => t.Value.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal), StringComparer.Ordinal);

    public static IReadOnlyCollection<string> TableNames => Tables.Keys;

    public static bool HasTable(string table) => Tables.ContainsKey(table);

    /// <summary>The columns of a table; empty for an unknown table.</summary>
    public static IReadOnlyCollection<DataverseColumn> Columns(string table) =>
        Tables.TryGetValue(table, out var columns) ? columns.Values : [];

    /// <summary>A column by logical name (case-sensitive, as Dataverse names are lower case), or null.</summary>
    public static DataverseColumn? Column(string table, string column) =>
        Tables.TryGetValue(table, out var columns) && columns.TryGetValue(column, out var hit) ? hit : null;

    /// <summary>True when rows of the table carry the company id (reference §2.2).</summary>
    public static bool IsCompanyScoped(string table) => Column(table, CompanyIdColumn) is not null;

    /// <summary>The Web API entity set of a table (account → accounts, transactioncurrency → transactioncurrencies).</summary>
    public static string EntitySetName(string table) =>
        table.EndsWith('y') ? table[..^1] + "ies" : table + "s";
}
