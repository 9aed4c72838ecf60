using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;

namespace CouplingPortal.Core.Integration.Filters;

/// <summary>
/// Evaluates a mapping's table filter against one local record ("does this customer pass the CUSTOMER table filter"),
/// with BC's semantics: text compares ignore case; Equal holds for any of its values, NotEqual for none of them.
/// </summary>
public static class LocalFilterEvaluator
{
    /// <summary>True when the record passes every condition. Throws <see cref="ArgumentException"/> for an invalid filter.</summary>
    public static bool Matches(LocalTable table, RecordFilter filter, MasterRecord record)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(record);
        var errors = RecordFilterValidator.ValidateLocal(table, filter);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(filter));

        foreach (var condition in filter.Conditions)
        {
            var property = LocalTables.Field(table, condition.Field)!;
            var actual = LocalTables.GetValue(table, record, condition.Field);
            if (!Holds(condition, property.PropertyType, actual))
                return false;
        }
        return true;
    }

    private static bool Holds(FilterCondition condition, Type type, object? actual)
    {
        object? Value(string raw) => FilterValues.TryParse(raw, type, out var v) ? v : throw new InvalidOperationException("validated");
        return condition.Operator switch
        {
            FilterOperator.Equal => condition.Values.Any(v => Compare(actual, Value(v)) == 0),
            FilterOperator.NotEqual => condition.Values.All(v => Compare(actual, Value(v)) != 0),
            FilterOperator.GreaterThan => Compare(actual, Value(condition.Values[0])) > 0,
            FilterOperator.GreaterThanOrEqual => Compare(actual, Value(condition.Values[0])) >= 0,
            FilterOperator.LessThan => Compare(actual, Value(condition.Values[0])) < 0,
            FilterOperator.LessThanOrEqual => Compare(actual, Value(condition.Values[0])) <= 0,
            FilterOperator.Contains => (actual as string ?? "").Contains(condition.Values[0], StringComparison.OrdinalIgnoreCase),
            FilterOperator.StartsWith => (actual as string ?? "").StartsWith(condition.Values[0], StringComparison.OrdinalIgnoreCase),
            FilterOperator.IsEmpty => FilterValues.IsEmptyValue(actual),
            FilterOperator.IsNotEmpty => !FilterValues.IsEmptyValue(actual),
            _ => false,
        };
    }

    private static int Compare(object? actual, object? expected) => (actual, expected) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string e) => string.Compare(a, e, StringComparison.OrdinalIgnoreCase),
        (IComparable a, _) => a.CompareTo(expected),
        _ => Equals(actual, expected) ? 0 : 1,
    };
}
