namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>
/// BC's Integration Field Mapping (table 5336): one field of a mapping. Either side may be empty when a
/// <see cref="ConstantValue"/> is written into the other side instead.
/// </summary>
public sealed class IntegrationFieldMapping
{
    public int Id { get; set; }

    public string MappingName { get; set; } = "";

    /// <summary>Display and processing order within the mapping.</summary>
    public int LineNo { get; set; }

    /// <summary>The local entity property, e.g. Name or CurrencyCode; null = no local field (a constant into Dataverse).</summary>
    public string? LocalField { get; set; }

    /// <summary>The Dataverse column's logical name, e.g. name or transactioncurrencyid; null = a constant into the local field.</summary>
    public string? DataverseColumn { get; set; }

    public SyncDirection Direction { get; set; }

    public FieldMappingStatus Status { get; set; }

    /// <summary>Invariant text written into the side that has a field when the other side has none (e.g. 3, Person).</summary>
    public string? ConstantValue { get; set; }

    /// <summary>
    /// The constant is written only when the engine creates the destination record, the way BC's configuration
    /// templates set customertypecode on new accounts; it is not forced on every update.
    /// </summary>
    public bool ConstantOnInsertOnly { get; set; }

    public FieldTransformation Transformation { get; set; }

    /// <summary>For lookups: clear (or keep) the destination when the related record cannot be resolved instead of failing.</summary>
    public bool ClearValueOnFailedSync { get; set; }

    /// <summary>Run the local field validation when the value is assigned locally.</summary>
    public bool ValidateField { get; set; } = true;

    /// <summary>Lookups (e.g. ownerid) only: never overwrite the destination with an empty value.</summary>
    public bool NotNull { get; set; }

    public bool UseForMatchBasedCoupling { get; set; }

    public bool CaseSensitiveMatching { get; set; }

    /// <summary>Fields with the same priority form one AND-group; groups are tried in ascending order.</summary>
    public int MatchPriority { get; set; }

    public LookupTranslation LookupTranslation { get; set; }

    /// <summary>For <see cref="LookupTranslation.Coupling"/> / <see cref="LookupTranslation.OptionCoupling"/>: the mapping whose couplings translate the value (CURRENCY, CONTACT, SALESPEOPLE, PAYMENT TERMS…).</summary>
    public string? TranslationMappingName { get; set; }

    public bool UserDefined { get; set; }

    /// <summary>True when the field takes part in runs of <paramref name="direction"/> (its own direction or bidirectional).</summary>
    public bool AppliesTo(SyncDirection direction) =>
        Status == FieldMappingStatus.Enabled && (Direction == SyncDirection.Bidirectional || Direction == direction);
}
