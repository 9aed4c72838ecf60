namespace CouplingPortal.DataverseEmulator.Metadata;

/// <summary>The tables and columns the emulator serves (reference §1.4–1.5): what Business Central's default mappings use.</summary>
internal sealed class EmulatorMetadata
{
    private static readonly Lazy<EmulatorMetadata> LazyInstance = new(() => new EmulatorMetadata());

    public static EmulatorMetadata Instance => LazyInstance.Value;

    private EmulatorMetadata()
    {
        Tables = [Account(), Contact(), Product(), SystemUser(), TransactionCurrency(), Company(), UomSchedule(), Uom()];
        BySet = Tables.ToDictionary(t => t.EntitySetName, StringComparer.Ordinal);
        ByLogicalName = Tables.ToDictionary(t => t.LogicalName, StringComparer.Ordinal);
    }

    public IReadOnlyList<TableDefinition> Tables { get; }
    public IReadOnlyDictionary<string, TableDefinition> BySet { get; }
    public IReadOnlyDictionary<string, TableDefinition> ByLogicalName { get; }

    private static readonly Dictionary<int, string> ActiveInactive = new() { [0] = "Active", [1] = "Inactive" };
    private static readonly Dictionary<int, string> ActiveInactiveStatus = new() { [1] = "Active", [2] = "Inactive" };
    private static readonly Dictionary<int, int> ActiveInactiveStatusState = new() { [1] = 0, [2] = 1 };

    private static readonly Dictionary<int, string> CustomerTypeCodes = new()
    {
        [1] = "Competitor", [2] = "Consultant", [3] = "Customer", [4] = "Investor", [5] = "Partner", [6] = "Influencer",
        [7] = "Press", [8] = "Prospect", [9] = "Reseller", [10] = "Supplier", [11] = "Vendor", [12] = "Other",
    };

    private static ColumnDefinition Pk(string name) => new() { LogicalName = name, Type = ColumnType.PrimaryKey };
    private static ColumnDefinition Str(string name, int max, bool required = false) => new() { LogicalName = name, Type = ColumnType.String, MaxLength = max, Required = required };
    private static ColumnDefinition Memo(string name, int max) => new() { LogicalName = name, Type = ColumnType.Memo, MaxLength = max };
    private static ColumnDefinition Int(string name, decimal min = int.MinValue, decimal max = int.MaxValue) => new() { LogicalName = name, Type = ColumnType.Integer, MinValue = min, MaxValue = max };
    private static ColumnDefinition Dec(string name, decimal min = -100_000_000_000m, decimal max = 100_000_000_000m, bool required = false) => new() { LogicalName = name, Type = ColumnType.Decimal, MinValue = min, MaxValue = max, Required = required };
    private static ColumnDefinition Money(string name) => new() { LogicalName = name, Type = ColumnType.Money, MinValue = -922_337_203_685_477m, MaxValue = 922_337_203_685_477m };
    private static ColumnDefinition Bool(string name) => new() { LogicalName = name, Type = ColumnType.Boolean };
    private static ColumnDefinition GuidCol(string name) => new() { LogicalName = name, Type = ColumnType.Guid };
    private static ColumnDefinition Choice(string name, IReadOnlyDictionary<int, string> options) => new() { LogicalName = name, Type = ColumnType.Choice, Options = options };
    private static ColumnDefinition Lookup(string name, params LookupTarget[] targets) => new() { LogicalName = name, Type = ColumnType.Lookup, Targets = targets };
    private static ColumnDefinition State(IReadOnlyDictionary<int, string> options) => new() { LogicalName = "statecode", Type = ColumnType.State, Options = options };
    private static ColumnDefinition Status(IReadOnlyDictionary<int, string> options, IReadOnlyDictionary<int, int> toState) => new() { LogicalName = "statuscode", Type = ColumnType.Status, Options = options, StatusToState = toState };

    private static IEnumerable<ColumnDefinition> SystemColumns(bool userOwned)
    {
        yield return new() { LogicalName = "createdon", Type = ColumnType.DateTime, ServerOwned = true };
        yield return new() { LogicalName = "modifiedon", Type = ColumnType.DateTime, ServerOwned = true };
        yield return new() { LogicalName = "createdby", Type = ColumnType.Lookup, ServerOwned = true, Targets = [new("createdby", "systemuser")] };
        yield return new() { LogicalName = "modifiedby", Type = ColumnType.Lookup, ServerOwned = true, Targets = [new("modifiedby", "systemuser")] };
        yield return new() { LogicalName = "versionnumber", Type = ColumnType.BigInt, ServerOwned = true };
        if (userOwned)
        {
            yield return Lookup("ownerid", new LookupTarget("ownerid", "systemuser"));
            yield return new() { LogicalName = "owningbusinessunit", Type = ColumnType.Guid, ServerOwned = true };
        }
    }

    private static IEnumerable<ColumnDefinition> Address1() =>
    [
        Str("address1_line1", 250), Str("address1_line2", 250), Str("address1_line3", 250), Str("address1_city", 80),
        Str("address1_postalcode", 20), Str("address1_country", 80), Str("address1_stateorprovince", 50),
        Str("address1_county", 50), Str("address1_primarycontactname", 100),
        Choice("address1_freighttermscode", new Dictionary<int, string> { [1] = "FOB", [2] = "No Charge" }),
        Choice("address1_shippingmethodcode", new Dictionary<int, string>
        {
            [1] = "Airborne", [2] = "DHL", [3] = "FedEx", [4] = "UPS", [5] = "Postal Mail", [6] = "Full Load", [7] = "Will Call",
        }),
        new() { LogicalName = "address1_composite", Type = ColumnType.Memo, ServerOwned = true },
    ];

    private static TableDefinition Account() => new("account", "accounts", "accountid", "name", userOwned: true, changeTracking: true,
        new[]
        {
            Pk("accountid"), Str("name", 160, required: true), Str("accountnumber", 20), Str("telephone1", 50), Str("telephone2", 50),
            Str("fax", 50), Str("emailaddress1", 100), Str("websiteurl", 200), Memo("description", 2000),
            Choice("customertypecode", CustomerTypeCodes),
            Choice("paymenttermscode", new Dictionary<int, string> { [1] = "Net 30", [2] = "2% 10, Net 30", [3] = "Net 45", [4] = "Net 60" }),
            Money("creditlimit"),
            Lookup("transactioncurrencyid", new LookupTarget("transactioncurrencyid", "transactioncurrency")),
            Lookup("primarycontactid", new LookupTarget("primarycontactid", "contact")),
            Lookup("parentaccountid", new LookupTarget("parentaccountid", "account")),
            Lookup("bcbi_companyid", new LookupTarget("bcbi_companyid", "bcbi_company")),
            State(ActiveInactive), Status(ActiveInactiveStatus, ActiveInactiveStatusState),
        }.Concat(Address1()).Concat(SystemColumns(userOwned: true)),
        [new AlternateKey("accountnumber_key", ["accountnumber"])]);

    private static TableDefinition Contact() => new("contact", "contacts", "contactid", "fullname", userOwned: true, changeTracking: true,
        new[]
        {
            Pk("contactid"), Str("firstname", 50), Str("middlename", 50), Str("lastname", 50, required: true),
            new() { LogicalName = "fullname", Type = ColumnType.String, MaxLength = 160, ServerOwned = true },
            Str("emailaddress1", 100), Str("telephone1", 50), Str("telephone2", 50), Str("mobilephone", 50), Str("fax", 50),
            Str("pager", 50), Str("websiteurl", 200), Str("jobtitle", 100), Str("salutation", 100), Memo("description", 2000),
            Lookup("parentcustomerid", new LookupTarget("parentcustomerid_account", "account"), new LookupTarget("parentcustomerid_contact", "contact")),
            Lookup("transactioncurrencyid", new LookupTarget("transactioncurrencyid", "transactioncurrency")),
            Lookup("bcbi_companyid", new LookupTarget("bcbi_companyid", "bcbi_company")),
            State(ActiveInactive), Status(ActiveInactiveStatus, ActiveInactiveStatusState),
        }.Concat(Address1()).Concat(SystemColumns(userOwned: true)));

    private static TableDefinition Product() => new("product", "products", "productid", "name", userOwned: false, changeTracking: true,
        new[]
        {
            Pk("productid"), Str("productnumber", 100, required: true), Str("name", 100, required: true), Memo("description", 2000),
            Choice("producttypecode", new Dictionary<int, string> { [1] = "Sales Inventory", [2] = "Miscellaneous Charges", [3] = "Services", [4] = "Flat Fees" }),
            Choice("productstructure", new Dictionary<int, string> { [1] = "Product", [2] = "Product Family", [3] = "Product Bundle" }),
            Int("quantitydecimal", 0, 5),
            Money("price"), Money("standardcost"), Money("currentcost"),
            Dec("quantityonhand", 0), Dec("stockweight", 0), Dec("stockvolume", 0),
            Str("vendorid", 100), Str("vendorname", 100), Str("vendorpartnumber", 100),
            Lookup("transactioncurrencyid", new LookupTarget("transactioncurrencyid", "transactioncurrency")),
            Lookup("defaultuomscheduleid", new LookupTarget("defaultuomscheduleid", "uomschedule")),
            Lookup("defaultuomid", new LookupTarget("defaultuomid", "uom")),
            Lookup("bcbi_companyid", new LookupTarget("bcbi_companyid", "bcbi_company")),
            State(new Dictionary<int, string> { [0] = "Active", [1] = "Retired", [2] = "Draft", [3] = "Under Revision" }),
            Status(new Dictionary<int, string> { [1] = "Active", [2] = "Retired", [0] = "Draft", [3] = "Under Revision" },
                new Dictionary<int, int> { [1] = 0, [2] = 1, [0] = 2, [3] = 3 }),
        }.Concat(SystemColumns(userOwned: false)),
        [new AlternateKey("productnumber_key", ["productnumber"])]);

    private static TableDefinition SystemUser() => new("systemuser", "systemusers", "systemuserid", "fullname", userOwned: false, changeTracking: false,
        new[]
        {
            Pk("systemuserid"), Str("firstname", 64), Str("lastname", 64),
            new() { LogicalName = "fullname", Type = ColumnType.String, MaxLength = 200, ServerOwned = true },
            Str("internalemailaddress", 100), Str("personalemailaddress", 100), Str("mobilephone", 64), Str("jobtitle", 100),
            Str("domainname", 1024), GuidCol("applicationid"), GuidCol("azureactivedirectoryobjectid"),
            Bool("isdisabled"), Bool("isintegrationuser"), Bool("islicensed"),
            Choice("accessmode", new Dictionary<int, string>
            {
                [0] = "Read-Write", [1] = "Administrative", [2] = "Read", [3] = "Support User", [4] = "Non-interactive", [5] = "Delegated Admin",
            }),
        }.Concat(SystemColumns(userOwned: false)));

    private static TableDefinition TransactionCurrency() => new("transactioncurrency", "transactioncurrencies", "transactioncurrencyid", "currencyname",
        userOwned: false, changeTracking: true,
        new[]
        {
            Pk("transactioncurrencyid"), Str("isocurrencycode", 5, required: true), Str("currencyname", 100, required: true),
            Str("currencysymbol", 13, required: true), Dec("exchangerate", 0.0000000001m, 100_000_000_000m, required: true),
            Int("currencyprecision", 0, 4),
            State(ActiveInactive), Status(ActiveInactiveStatus, ActiveInactiveStatusState),
        }.Concat(SystemColumns(userOwned: false)),
        [new AlternateKey("isocurrencycode_key", ["isocurrencycode"])]);

    private static TableDefinition Company() => new("bcbi_company", "bcbi_companies", "bcbi_companyid", "bcbi_name", userOwned: true, changeTracking: false,
        new[]
        {
            Pk("bcbi_companyid"), Str("bcbi_name", 30, required: true), Str("bcbi_externalid", 36),
            State(ActiveInactive), Status(ActiveInactiveStatus, ActiveInactiveStatusState),
        }.Concat(SystemColumns(userOwned: true)));

    private static TableDefinition UomSchedule() => new("uomschedule", "uomschedules", "uomscheduleid", "name", userOwned: false, changeTracking: false,
        new[]
        {
            Pk("uomscheduleid"), Str("name", 200, required: true), Str("baseuomname", 100), Memo("description", 2000),
            State(ActiveInactive), Status(ActiveInactiveStatusState.Keys.ToDictionary(k => k, k => ActiveInactiveStatus[k]), ActiveInactiveStatusState),
        }.Concat(SystemColumns(userOwned: false)));

    private static TableDefinition Uom() => new("uom", "uoms", "uomid", "name", userOwned: false, changeTracking: false,
        new[]
        {
            Pk("uomid"), Str("name", 100, required: true), Dec("quantity", 0.00001m), Bool("isschedulebaseuom"),
            Lookup("uomscheduleid", new LookupTarget("uomscheduleid", "uomschedule")),
            Lookup("baseuom", new LookupTarget("baseuom", "uom")),
        }.Concat(SystemColumns(userOwned: false)));
}
