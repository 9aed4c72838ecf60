using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using static CouplingPortal.Core.Integration.Mappings.SyncDirection;
using ContactEntity = CouplingPortal.Core.MasterData.Contacts.Contact;
using CurrencyEntity = CouplingPortal.Core.MasterData.Setup.Currency;
using CustomerEntity = CouplingPortal.Core.MasterData.Customers.Customer;
using PaymentTermsEntity = CouplingPortal.Core.MasterData.Setup.PaymentTerms;
using VendorEntity = CouplingPortal.Core.MasterData.Vendors.Vendor;

namespace CouplingPortal.Core.Integration.DefaultSetup;

/// <summary>
/// Business Central's default mappings (reference §2.1, and ITEM-PRODUCT / RESOURCE-PRODUCT of §2.3), Person ownership.
/// Differences: no Base Unit of Measure mappings (the portal has no UNIT OF MEASURE mapping yet); BC's configuration
/// templates that set customertypecode / producttypecode on new rows are constants written on insert.
/// </summary>
public static class DefaultMappings
{
    public const string Salespeople = "SALESPEOPLE";
    public const string Currency = "CURRENCY";
    public const string Customer = "CUSTOMER";
    public const string Vendor = "VENDOR";
    public const string Contact = "CONTACT";
    public const string ItemProduct = "ITEM-PRODUCT";
    public const string ResourceProduct = "RESOURCE-PRODUCT";
    public const string PaymentTerms = "PAYMENT TERMS";
    public const string ShipmentMethod = "SHIPMENT METHOD";
    public const string ShippingAgent = "SHIPPING AGENT";

    /// <summary>The default mapping names, in BC's "synchronize all" priority order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [Salespeople, Currency, PaymentTerms, ShipmentMethod, ShippingAgent, Customer, Vendor, Contact, ItemProduct, ResourceProduct];

    /// <summary>Fresh default mappings (with field mappings, numbered by line) for the company <paramref name="companyId"/>.</summary>
    public static IReadOnlyList<IntegrationTableMapping> Create(Guid companyId) =>
    [
        SalespeopleMapping(), CurrencyMapping(),
        OptionMapping(PaymentTerms, LocalTable.PaymentTerms, "paymenttermscode", companyId),
        OptionMapping(ShipmentMethod, LocalTable.ShipmentMethod, "address1_freighttermscode", companyId),
        OptionMapping(ShippingAgent, LocalTable.ShippingAgent, "address1_shippingmethodcode", companyId),
        AccountMapping(Customer, LocalTable.Customer, customerTypeCode: "3", companyId),
        AccountMapping(Vendor, LocalTable.Vendor, customerTypeCode: "11", companyId),
        ContactMapping(companyId), ItemProductMapping(companyId), ResourceProductMapping(companyId),
    ];

    private static IntegrationTableMapping SalespeopleMapping() => Mapping(Salespeople, LocalTable.SalespersonPurchaser, "systemuser", FromIntegrationTable,
        integrationFilter: new RecordFilter(
            new FilterCondition("isdisabled", FilterOperator.Equal, "false"),
            new FilterCondition("islicensed", FilterOperator.Equal, "true"),
            new FilterCondition("isintegrationuser", FilterOperator.Equal, "false")),
        inactivity: 1440,
        fields:
        [
            F(nameof(SalespersonPurchaser.Email), "internalemailaddress", FromIntegrationTable, match: true),
            F(nameof(SalespersonPurchaser.Name), "fullname", FromIntegrationTable),
            F(nameof(SalespersonPurchaser.PhoneNo), "mobilephone", FromIntegrationTable),
            F(nameof(SalespersonPurchaser.JobTitle), "jobtitle", FromIntegrationTable, enabled: false),
            F(nameof(SalespersonPurchaser.Email2), "personalemailaddress", FromIntegrationTable, enabled: false),
        ]);

    private static IntegrationTableMapping CurrencyMapping()
    {
        var mapping = Mapping(Currency, LocalTable.Currency, "transactioncurrency", ToIntegrationTable, inactivity: 720,
            fields:
            [
                F(nameof(CurrencyEntity.Code), "isocurrencycode", ToIntegrationTable, match: true),
                F(nameof(CurrencyEntity.Symbol), "currencysymbol", ToIntegrationTable),
                F(nameof(CurrencyEntity.Description), "currencyname", ToIntegrationTable),
            ]);
        mapping.CreateNewInCaseOfNoMatch = true;
        mapping.SynchronizeAfterMatchBasedCoupling = true;
        return mapping;
    }

    private static IntegrationTableMapping OptionMapping(string name, LocalTable table, string optionColumn, Guid companyId)
    {
        var mapping = Mapping(name, table, "account", ToIntegrationTable, inactivity: 1440,
            fields: [F(nameof(PaymentTermsEntity.Code), optionColumn, ToIntegrationTable, match: true)]);
        mapping.Kind = MappingKind.Option;
        mapping.DataverseOptionColumn = optionColumn;
        mapping.CompanyId = companyId;
        mapping.CreateNewInCaseOfNoMatch = true;
        mapping.SynchronizeAfterMatchBasedCoupling = true;
        return mapping;
    }

    private static IntegrationTableMapping AccountMapping(string name, LocalTable table, string customerTypeCode, Guid companyId)
    {
        var customer = table == LocalTable.Customer;
        List<IntegrationFieldMapping> fields =
        [
            F(nameof(CustomerEntity.Name), "name", Bidirectional),
            F(nameof(CustomerEntity.Contact), "address1_primarycontactname", Bidirectional, validate: false),
            F(nameof(CustomerEntity.Address), "address1_line1", Bidirectional),
            F(nameof(CustomerEntity.Address2), "address1_line2", Bidirectional),
            F(nameof(CustomerEntity.PostCode), "address1_postalcode", Bidirectional),
            F(nameof(CustomerEntity.City), "address1_city", Bidirectional),
            F(nameof(CustomerEntity.CountryRegionCode), "address1_country", Bidirectional, validate: false),
            F(nameof(CustomerEntity.County), "address1_stateorprovince", Bidirectional),
            F(nameof(CustomerEntity.CurrencyCode), "transactioncurrencyid", Bidirectional, via: Currency),
            F(nameof(CustomerEntity.Email), "emailaddress1", Bidirectional),
            F(nameof(CustomerEntity.FaxNo), "fax", Bidirectional),
            F(nameof(CustomerEntity.HomePage), "websiteurl", Bidirectional),
            F(nameof(CustomerEntity.PhoneNo), "telephone1", Bidirectional),
            F(nameof(CustomerEntity.ShipmentMethodCode), "address1_freighttermscode", Bidirectional, viaOption: ShipmentMethod),
            F(nameof(CustomerEntity.ShippingAgentCode), "address1_shippingmethodcode", Bidirectional, viaOption: ShippingAgent),
            F(nameof(CustomerEntity.PaymentTermsCode), "paymenttermscode", Bidirectional, viaOption: PaymentTerms),
        ];
        if (customer)
            fields.Add(F(nameof(CustomerEntity.CreditLimitLcy), "creditlimit", ToIntegrationTable));
        fields.Add(F(nameof(CustomerEntity.PrimaryContactNo), "primarycontactid", Bidirectional, via: Contact, clearOnFail: true));
        fields.Add(F(customer ? nameof(CustomerEntity.SalespersonCode) : nameof(VendorEntity.PurchaserCode), "ownerid", ToIntegrationTable, via: Salespeople, notNull: true));
        // BC's BCICUSTOME / BCIVENDOR templates: a new account is a customer (3) or a vendor (11), so it passes the filter.
        fields.Add(Constant(null, "customertypecode", ToIntegrationTable, customerTypeCode, onInsertOnly: true));
        fields.Add(F(nameof(CustomerEntity.No), "accountnumber", ToIntegrationTable, enabled: false));
        fields.Add(F(nameof(CustomerEntity.MobilePhoneNo), "telephone2", Bidirectional, enabled: false));

        return Mapping(name, table, "account", Bidirectional,
            tableFilter: new RecordFilter(new FilterCondition(nameof(CustomerEntity.Blocked), FilterOperator.Equal, nameof(CustomerBlocked.None))),
            integrationFilter: new RecordFilter(
                new FilterCondition("statecode", FilterOperator.Equal, "0"),
                new FilterCondition("customertypecode", FilterOperator.Equal, customerTypeCode)),
            companyId: companyId, inactivity: 720,
            dependencies: [Salespeople, Currency, PaymentTerms, ShipmentMethod, ShippingAgent],
            fields: fields);
    }

    private static IntegrationTableMapping ContactMapping(Guid companyId) => Mapping(Contact, LocalTable.Contact, "contact", Bidirectional,
        tableFilter: new RecordFilter(
            new FilterCondition(nameof(ContactEntity.Type), FilterOperator.Equal, nameof(ContactType.Person)),
            new FilterCondition(nameof(ContactEntity.CompanyNo), FilterOperator.IsNotEmpty)),
        integrationFilter: new RecordFilter(
            new FilterCondition("parentcustomerid", FilterOperator.IsNotEmpty),
            new FilterCondition("statecode", FilterOperator.Equal, "0")),
        companyId: companyId, inactivity: 720,
        dependencies: [Customer, Vendor],
        fields:
        [
            F(nameof(ContactEntity.CurrencyCode), "transactioncurrencyid", Bidirectional, via: Currency),
            F(nameof(ContactEntity.Address), "address1_line1", Bidirectional),
            F(nameof(ContactEntity.Address2), "address1_line2", Bidirectional),
            F(nameof(ContactEntity.PostCode), "address1_postalcode", Bidirectional),
            F(nameof(ContactEntity.City), "address1_city", Bidirectional),
            F(nameof(ContactEntity.CountryRegionCode), "address1_country", Bidirectional, validate: false),
            F(nameof(ContactEntity.County), "address1_stateorprovince", Bidirectional),
            F(nameof(ContactEntity.Email), "emailaddress1", Bidirectional),
            F(nameof(ContactEntity.FaxNo), "fax", Bidirectional),
            F(nameof(ContactEntity.FirstName), "firstname", Bidirectional),
            F(nameof(ContactEntity.MiddleName), "middlename", Bidirectional),
            F(nameof(ContactEntity.Surname), "lastname", Bidirectional),
            F(nameof(ContactEntity.HomePage), "websiteurl", Bidirectional),
            F(nameof(ContactEntity.MobilePhoneNo), "mobilephone", Bidirectional),
            F(nameof(ContactEntity.Pager), "pager", Bidirectional),
            F(nameof(ContactEntity.PhoneNo), "telephone1", Bidirectional),
            Constant(nameof(ContactEntity.Type), null, FromIntegrationTable, nameof(ContactType.Person)),
            F(nameof(ContactEntity.SalespersonCode), "ownerid", ToIntegrationTable, via: Salespeople, notNull: true),
            // BC fills parentcustomerid by code from the company contact's business relation; here it is a visible line.
            F(nameof(ContactEntity.CompanyNo), "parentcustomerid", Bidirectional, translation: LookupTranslation.ParentAccountFromBusinessRelation),
            F(nameof(ContactEntity.SalutationCode), "salutation", Bidirectional, enabled: false),
        ]);

    private static IntegrationTableMapping ItemProductMapping(Guid companyId) => Mapping(ItemProduct, LocalTable.Item, "product", Bidirectional,
        tableFilter: new RecordFilter(new FilterCondition(nameof(Item.Blocked), FilterOperator.Equal, "false")),
        integrationFilter: new RecordFilter(
            new FilterCondition("producttypecode", FilterOperator.Equal, "1"),
            new FilterCondition("statecode", FilterOperator.Equal, "0")),
        companyId: companyId, inactivity: 1440,
        fields:
        [
            F(nameof(Item.No), "productnumber", ToIntegrationTable),
            F(nameof(Item.Description), "name", Bidirectional),
            F(nameof(Item.UnitPrice), "price", ToIntegrationTable),
            F(nameof(Item.UnitCost), "standardcost", ToIntegrationTable),
            F(nameof(Item.UnitCost), "currentcost", ToIntegrationTable),
            F(nameof(Item.UnitVolume), "stockvolume", ToIntegrationTable),
            F(nameof(Item.GrossWeight), "stockweight", ToIntegrationTable),
            F(nameof(Item.VendorNo), "vendorid", ToIntegrationTable),
            F(nameof(Item.VendorItemNo), "vendorpartnumber", ToIntegrationTable),
            F(nameof(Item.Inventory), "quantityonhand", ToIntegrationTable, transformation: FieldTransformation.NegativeToZero),
            Constant(null, "producttypecode", ToIntegrationTable, "1", onInsertOnly: true),
        ]);

    private static IntegrationTableMapping ResourceProductMapping(Guid companyId) => Mapping(ResourceProduct, LocalTable.Resource, "product", Bidirectional,
        tableFilter: new RecordFilter(new FilterCondition(nameof(Resource.Blocked), FilterOperator.Equal, "false")),
        integrationFilter: new RecordFilter(
            new FilterCondition("producttypecode", FilterOperator.Equal, "3"),
            new FilterCondition("statecode", FilterOperator.Equal, "0")),
        companyId: companyId, inactivity: 720,
        fields:
        [
            F(nameof(Resource.No), "productnumber", ToIntegrationTable),
            F(nameof(Resource.Name), "name", Bidirectional),
            F(nameof(Resource.UnitPrice), "price", ToIntegrationTable),
            F(nameof(Resource.UnitCost), "standardcost", ToIntegrationTable),
            F(nameof(Resource.UnitCost), "currentcost", ToIntegrationTable),
            F(nameof(Resource.VendorNo), "vendorid", ToIntegrationTable),
            F(nameof(Resource.Capacity), "quantityonhand", ToIntegrationTable),
            Constant(null, "producttypecode", ToIntegrationTable, "3", onInsertOnly: true),
        ]);

    private static IntegrationTableMapping Mapping(string name, LocalTable table, string dataverseTable, SyncDirection direction,
        RecordFilter? tableFilter = null, RecordFilter? integrationFilter = null, Guid companyId = default, int inactivity = 720,
        IReadOnlyList<string>? dependencies = null, IReadOnlyList<IntegrationFieldMapping>? fields = null)
    {
        var mapping = new IntegrationTableMapping
        {
            Name = name,
            LocalTable = table,
            DataverseTable = dataverseTable,
            Direction = direction,
            TableFilter = tableFilter ?? RecordFilter.Empty,
            IntegrationTableFilter = integrationFilter ?? RecordFilter.Empty,
            CompanyId = companyId,
            CompanyFilter = companyId != Guid.Empty && DataverseSchema.IsCompanyScoped(dataverseTable) && table is not (LocalTable.PaymentTerms or LocalTable.ShipmentMethod or LocalTable.ShippingAgent)
                ? CompanyFilter.ThisCompanyOrUnclaimed
                : CompanyFilter.None,
            SynchOnlyCoupledRecords = true,
            Dependencies = [.. dependencies ?? []],
            RecurrenceIntervalMinutes = 30,
            InactivityTimeoutMinutes = inactivity,
            Enabled = true,
            UserDefined = false,
        };
        var line = 0;
        foreach (var field in fields ?? [])
        {
            field.MappingName = name;
            field.LineNo = line += 10000;
            mapping.FieldMappings.Add(field);
        }
        return mapping;
    }

    private static IntegrationFieldMapping F(string local, string column, SyncDirection direction, bool validate = true, bool enabled = true,
        string? via = null, string? viaOption = null, bool clearOnFail = false, bool notNull = false, bool match = false,
        FieldTransformation transformation = FieldTransformation.None, LookupTranslation? translation = null) => new()
        {
            LocalField = local,
            DataverseColumn = column,
            Direction = direction,
            Status = enabled ? FieldMappingStatus.Enabled : FieldMappingStatus.Disabled,
            ValidateField = validate,
            ClearValueOnFailedSync = clearOnFail,
            NotNull = notNull,
            UseForMatchBasedCoupling = match,
            Transformation = transformation,
            LookupTranslation = translation ?? (via is not null ? LookupTranslation.Coupling : viaOption is not null ? LookupTranslation.OptionCoupling : LookupTranslation.None),
            TranslationMappingName = via ?? viaOption,
        };

    private static IntegrationFieldMapping Constant(string? local, string? column, SyncDirection direction, string value, bool onInsertOnly = false) => new()
    {
        LocalField = local,
        DataverseColumn = column,
        Direction = direction,
        Status = FieldMappingStatus.Enabled,
        ConstantValue = value,
        ConstantOnInsertOnly = onInsertOnly,
    };
}
