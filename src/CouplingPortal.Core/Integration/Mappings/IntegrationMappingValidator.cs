using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.MasterData.Validation;

namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>
/// A problem with a mapping: <see cref="Property"/> names the mapping property (TableFilter, Direction…) or, for field
/// mappings, "FieldMappings[lineNo]"; <see cref="Field"/> the filter field or mapped field concerned, when there is one.
/// </summary>
public sealed record MappingError(string Property, string? Field, string Message);

/// <summary>Checks a mapping and its field mappings the way BC's table and page validation does; messages in the UI culture.</summary>
public static class IntegrationMappingValidator
{
    /// <param name="mappingNames">The names of all mappings, for dependencies and lookup translations.</param>
    public static IReadOnlyList<MappingError> Validate(IntegrationTableMapping mapping, IReadOnlyCollection<string> mappingNames)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(mappingNames);
        var errors = new List<MappingError>();
        if (string.IsNullOrWhiteSpace(mapping.Name) || mapping.Name.Length > IntegrationTableMapping.NameMaxLength)
            errors.Add(new(nameof(mapping.Name), null, IntegrationText.Message("MappingNameRequired")));
        if (!DataverseSchema.HasTable(mapping.DataverseTable))
        {
            errors.Add(new(nameof(mapping.DataverseTable), null, IntegrationText.Message("MappingUnknownDataverseTable", mapping.DataverseTable)));
            return errors;
        }

        errors.AddRange(RecordFilterValidator.ValidateLocal(mapping.LocalTable, mapping.TableFilter)
            .Select(e => new MappingError(nameof(mapping.TableFilter), e.Field, e.Message)));
        errors.AddRange(RecordFilterValidator.ValidateIntegration(mapping.DataverseTable, mapping.IntegrationTableFilter)
            .Select(e => new MappingError(nameof(mapping.IntegrationTableFilter), e.Field, e.Message)));
        if (mapping.CompanyFilter != CompanyFilter.None && !DataverseSchema.IsCompanyScoped(mapping.DataverseTable))
            errors.Add(new(nameof(mapping.CompanyFilter), DataverseSchema.CompanyIdColumn,
                IntegrationText.Message("FilterUnknownDataverseColumn", DataverseSchema.CompanyIdColumn, mapping.DataverseTable)));

        if (mapping.Kind == MappingKind.Option)
        {
            if (mapping.Direction == SyncDirection.Bidirectional)
                errors.Add(new(nameof(mapping.Direction), null, IntegrationText.Message("MappingOptionBidirectional")));
            if (mapping.DataverseOptionColumn is null || DataverseSchema.Column(mapping.DataverseTable, mapping.DataverseOptionColumn) is null)
                errors.Add(new(nameof(mapping.DataverseOptionColumn), mapping.DataverseOptionColumn,
                    IntegrationText.Message("MappingUnknownDataverseColumn", mapping.DataverseOptionColumn, mapping.DataverseTable)));
        }

        if (mapping.RecurrenceIntervalMinutes is < 1 or > 1440 || mapping.InactivityTimeoutMinutes < mapping.RecurrenceIntervalMinutes)
            errors.Add(new(nameof(mapping.RecurrenceIntervalMinutes), null, IntegrationText.Message("MappingRecurrenceInvalid")));

        foreach (var dependency in mapping.Dependencies)
        {
            if (string.Equals(dependency, mapping.Name, StringComparison.OrdinalIgnoreCase))
                errors.Add(new(nameof(mapping.Dependencies), dependency, IntegrationText.Message("MappingDependsOnItself", mapping.Name)));
            else if (!mappingNames.Contains(dependency, StringComparer.OrdinalIgnoreCase))
                errors.Add(new(nameof(mapping.Dependencies), dependency, IntegrationText.Message("MappingUnknownDependency", mapping.Name, dependency)));
        }

        foreach (var field in mapping.FieldMappings)
            ValidateField(mapping, field, mappingNames, errors);

        var enabled = mapping.FieldMappings.Where(f => f.Status == FieldMappingStatus.Enabled).ToList();
        if (enabled.Count > 0 && mapping.Direction != SyncDirection.Bidirectional
            && !enabled.Any(f => f.Direction == mapping.Direction || f.Direction == SyncDirection.Bidirectional))
            errors.Add(new(nameof(mapping.Direction), null, IntegrationText.Message("MappingNoEnabledFieldInDirection", mapping.Direction)));
        return errors;
    }

    private static void ValidateField(IntegrationTableMapping mapping, IntegrationFieldMapping field, IReadOnlyCollection<string> mappingNames, List<MappingError> errors)
    {
        var property = $"{nameof(mapping.FieldMappings)}[{field.LineNo}]";
        var name = field.LocalField ?? field.DataverseColumn ?? "";
        if (field.LocalField is not null && LocalTables.Field(mapping.LocalTable, field.LocalField) is null)
            errors.Add(new(property, field.LocalField, IntegrationText.Message("MappingUnknownLocalField", field.LocalField, IntegrationText.TableCaption(mapping.LocalTable))));
        if (field.DataverseColumn is not null && DataverseSchema.Column(mapping.DataverseTable, field.DataverseColumn) is null)
            errors.Add(new(property, field.DataverseColumn, IntegrationText.Message("MappingUnknownDataverseColumn", field.DataverseColumn, mapping.DataverseTable)));
        if ((field.LocalField is null || field.DataverseColumn is null) && (field.ConstantValue is null || field.LocalField is null && field.DataverseColumn is null))
            errors.Add(new(property, name, IntegrationText.Message("MappingNoFieldOrConstant")));
        if (field.ClearValueOnFailedSync && field.NotNull)
            errors.Add(new(property, name, IntegrationText.Message("MappingClearValueAndNotNull", field.LocalField is null ? name : MasterDataText.FieldCaption(field.LocalField))));
        if (field.LookupTranslation is LookupTranslation.Coupling or LookupTranslation.OptionCoupling
            && (field.TranslationMappingName is null || !mappingNames.Contains(field.TranslationMappingName, StringComparer.OrdinalIgnoreCase)))
            errors.Add(new(property, name, IntegrationText.Message("MappingUnknownTranslation", name, field.TranslationMappingName)));
    }
}
