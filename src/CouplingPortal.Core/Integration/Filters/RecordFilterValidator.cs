using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Validation;

namespace CouplingPortal.Core.Integration.Filters;

/// <summary>A problem with one filter line, for the field named; <see cref="Message"/> is in the UI culture.</summary>
public sealed record FilterError(string Field, string Message);

/// <summary>
/// Checks a structured filter against the table it filters: known fields, operators that suit the field's type, the
/// right number of values, and values of the field's type. Messages are in English or Dutch (the UI culture).
/// </summary>
public static class RecordFilterValidator
{
    /// <summary>A table filter on a local table: fields are the entity's property names (Blocked, Type, CompanyNo…).</summary>
    public static IReadOnlyList<FilterError> ValidateLocal(LocalTable table, RecordFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Validate(filter, field =>
        {
            var property = LocalTables.Field(table, field);
            return property is null
                ? (null, IntegrationText.Message("FilterUnknownLocalField", field, IntegrationText.TableCaption(table)))
                : (property.PropertyType, null);
        }, MasterDataText.FieldCaption);
    }

    /// <summary>An integration table filter on a Dataverse table: fields are column logical names (statecode…).</summary>
    public static IReadOnlyList<FilterError> ValidateIntegration(string dataverseTable, RecordFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Validate(filter, field =>
        {
            var column = DataverseSchema.Column(dataverseTable, field);
            if (column is null) return (null, IntegrationText.Message("FilterUnknownDataverseColumn", field, dataverseTable));
            if (column.Name == DataverseSchema.CompanyIdColumn) return (null, IntegrationText.Message("FilterCompanyIdUseCompanyFilter", field));
            return (FilterValues.ClrType(column.Type), null);
        }, field => field);
    }

    private static List<FilterError> Validate(RecordFilter filter, Func<string, (Type? Type, string? Error)> resolve, Func<string, string> caption)
    {
        var errors = new List<FilterError>();
        foreach (var condition in filter.Conditions)
        {
            var field = condition.Field ?? "";
            if (string.IsNullOrWhiteSpace(field))
            {
                errors.Add(new(field, IntegrationText.Message("FilterFieldMissing")));
                continue;
            }

            var (type, error) = resolve(field);
            if (type is null)
            {
                errors.Add(new(field, error!));
                continue;
            }

            var name = caption(field);
            if (!FilterValues.OperatorAllowed(type, condition.Operator))
            {
                errors.Add(new(field, IntegrationText.Message("FilterOperatorNotAllowed", IntegrationText.OperatorCaption(condition.Operator), name)));
                continue;
            }

            var values = condition.Values ?? [];
            var (min, max) = FilterValues.ValueCount(condition.Operator);
            if (values.Count < min || values.Count > max)
            {
                var key = max == 0 ? "FilterTakesNoValue" : max == 1 ? "FilterNeedsOneValue" : "FilterNeedsValues";
                errors.Add(new(field, IntegrationText.Message(key, name, IntegrationText.OperatorCaption(condition.Operator))));
                continue;
            }

            foreach (var raw in values)
            {
                if (!FilterValues.TryParse(raw, type, out _))
                    errors.Add(new(field, IntegrationText.Message("FilterValueInvalid", raw, name)));
            }
        }
        return errors;
    }
}
