using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Core.Integration.Filters;

/// <summary>
/// Turns a mapping's integration table filter (and its company filter) into the Dataverse client's <see cref="Filter"/>,
/// whose literals are always escaped; values are typed by the column, so "3" on a choice column becomes 3, not '3'.
/// </summary>
public static class IntegrationTableFilterTranslator
{
    /// <summary>The mapping's integration table filter and company filter (with the mapping's company id); null when none.</summary>
    public static Filter? ToDataverseFilter(IntegrationTableMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        return ToDataverseFilter(mapping.DataverseTable, mapping.IntegrationTableFilter, mapping.CompanyFilter, mapping.CompanyId);
    }

    /// <summary>
    /// The conditions ANDed, then the company part: for <see cref="CompanyFilter.ThisCompanyOrUnclaimed"/>
    /// (_bcbi_companyid_value eq {companyId} or _bcbi_companyid_value eq null). Null when there is nothing to filter.
    /// Throws <see cref="ArgumentException"/> for an invalid filter or a company filter on a table without company id.
    /// </summary>
    public static Filter? ToDataverseFilter(string dataverseTable, RecordFilter filter, CompanyFilter companyFilter, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var errors = RecordFilterValidator.ValidateIntegration(dataverseTable, filter);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(filter));

        var parts = filter.Conditions.Select(c => Translate(DataverseSchema.Column(dataverseTable, c.Field)!, c)).ToList();
        if (companyFilter != CompanyFilter.None)
        {
            if (!DataverseSchema.IsCompanyScoped(dataverseTable))
                throw new ArgumentException($"The Dataverse table {dataverseTable} has no {DataverseSchema.CompanyIdColumn} column to filter on.", nameof(companyFilter));
            if (companyId == Guid.Empty)
                throw new ArgumentException("A company filter needs this company's id.", nameof(companyId));
            var own = Filter.LookupEq(DataverseSchema.CompanyIdColumn, companyId);
            parts.Add(companyFilter == CompanyFilter.ThisCompanyOnly ? own : own | Filter.LookupEq(DataverseSchema.CompanyIdColumn, null));
        }
        return parts.Count == 0 ? null : Filter.And([.. parts]);
    }

    private static Filter Translate(DataverseColumn column, FilterCondition condition)
    {
        var type = FilterValues.ClrType(column.Type);
        var name = column.PropertyName;
        List<object?> Values() => [.. condition.Values.Select(raw => FilterValues.TryParse(raw, type, out var v) ? v : null)];
        object Single() => Values()[0]!;
        var isText = column.Type == DataverseColumnType.String;
        return condition.Operator switch
        {
            FilterOperator.Equal => Filter.In(name, Values()),
            FilterOperator.NotEqual => Filter.And([.. Values().Select(v => Filter.Ne(name, v))]),
            FilterOperator.GreaterThan => Filter.Gt(name, Single()),
            FilterOperator.GreaterThanOrEqual => Filter.Ge(name, Single()),
            FilterOperator.LessThan => Filter.Lt(name, Single()),
            FilterOperator.LessThanOrEqual => Filter.Le(name, Single()),
            FilterOperator.Contains => Filter.Contains(name, (string)Single()),
            FilterOperator.StartsWith => Filter.StartsWith(name, (string)Single()),
            // Dataverse stores an emptied text column as null; '' is included for rows written by other clients.
            FilterOperator.IsEmpty => isText ? Filter.IsNull(name) | Filter.Eq(name, "") : Filter.IsNull(name),
            FilterOperator.IsNotEmpty => isText ? Filter.IsNotNull(name) & Filter.Ne(name, "") : Filter.IsNotNull(name),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, null),
        };
    }
}
