namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>The ERP tables a mapping can synchronize (BC's "Table ID" on a mapping).</summary>
public enum LocalTable
{
    Customer = 0,
    Vendor = 1,
    Contact = 2,
    Item = 3,
    Resource = 4,
    SalespersonPurchaser = 5,
    Currency = 6,
    PaymentTerms = 7,
    ShipmentMethod = 8,
    ShippingAgent = 9,
}

/// <summary>BC's Direction on mappings, field mappings and jobs. "Integration table" is Dataverse.</summary>
public enum SyncDirection
{
    Bidirectional = 0,
    /// <summary>Local → Dataverse.</summary>
    ToIntegrationTable = 1,
    /// <summary>Dataverse → local.</summary>
    FromIntegrationTable = 2,
}

/// <summary>A normal mapping couples rows by id; an option mapping couples local codes with option-set values.</summary>
public enum MappingKind
{
    Table = 0,
    Option = 1,
}

/// <summary>BC's "Resolve Update Conflicts": what happens when both sides changed a bidirectional field.</summary>
public enum UpdateConflictResolution
{
    /// <summary>The record fails with a conflict error (BC's blank value).</summary>
    None = 0,
    SendDataUpdateToDataverse = 1,
    GetDataUpdateFromDataverse = 2,
}

/// <summary>BC's "Resolve Deletion Conflicts": what happens when the coupled counterpart was deleted.</summary>
public enum DeletionConflictResolution
{
    /// <summary>The record fails and the coupling stays (BC's blank value).</summary>
    None = 0,
    /// <summary>BC's "Delete coupling".</summary>
    RemoveCoupling = 1,
    /// <summary>Recreate the deleted side from the other one.</summary>
    RestoreRecords = 2,
}

/// <summary>Which Dataverse rows a mapping sees by their bcbi_companyid (reference §2.2).</summary>
public enum CompanyFilter
{
    /// <summary>The table has no company column, or multi-company sync removed the filter.</summary>
    None = 0,
    /// <summary>BC's default: rows of this company and rows nobody has claimed yet.</summary>
    ThisCompanyOrUnclaimed = 1,
    /// <summary>Only rows already claimed by this company.</summary>
    ThisCompanyOnly = 2,
}

public enum FieldMappingStatus
{
    Enabled = 0,
    Disabled = 1,
}

/// <summary>Value transformations applied before a value is transferred; a closed set so screens and engine agree.</summary>
public enum FieldTransformation
{
    None = 0,
    Uppercase = 1,
    Lowercase = 2,
    Trim = 3,
    /// <summary>Negative numbers become 0 (BC's Inventory → quantityonhand).</summary>
    NegativeToZero = 4,
}

/// <summary>How a field's value is translated between the two sides instead of copied.</summary>
public enum LookupTranslation
{
    /// <summary>The value is copied (after the transformation).</summary>
    None = 0,
    /// <summary>
    /// A code on the local side (e.g. Currency Code) ↔ a Dataverse lookup (e.g. transactioncurrencyid), through the
    /// couplings of <see cref="IntegrationFieldMapping.TranslationMappingName"/> (e.g. CURRENCY).
    /// </summary>
    Coupling = 1,
    /// <summary>A local code ↔ an option-set value, through the option couplings of the named option mapping.</summary>
    OptionCoupling = 2,
    /// <summary>
    /// A person contact's company No. ↔ the contact's parentcustomerid: the company contact's business relation names
    /// the customer or vendor, whose CUSTOMER or VENDOR coupling gives the account (BC fills this by code).
    /// </summary>
    ParentAccountFromBusinessRelation = 3,
}
