using CouplingPortal.Core.Integration.Filters;

namespace CouplingPortal.Web.Components.Pages.Integration;

/// <summary>
/// One editable line of the filter builder: a field, an operator and the values as typed (alternatives separated by
/// |, as in Business Central's filters). Lines are kept as typed while they are invalid, so nothing the user entered is lost.
/// </summary>
public sealed class FilterLine
{
    public string Field { get; set; } = "";

    public FilterOperator Operator { get; set; }

    public string Values { get; set; } = "";

    public static bool TakesValues(FilterOperator op) => op is not (FilterOperator.IsEmpty or FilterOperator.IsNotEmpty);

    public static bool TakesSeveralValues(FilterOperator op) => op is FilterOperator.Equal or FilterOperator.NotEqual;

    public static List<FilterLine> From(RecordFilter filter) =>
        [.. filter.Conditions.Select(c => new FilterLine { Field = c.Field, Operator = c.Operator, Values = string.Join('|', c.Values) })];

    public FilterCondition ToCondition()
    {
        IReadOnlyList<string> values = !TakesValues(Operator) || Values.Length == 0 ? []
            : TakesSeveralValues(Operator) ? [.. Values.Split('|').Select(v => v.Trim())]
            : [Values.Trim()];
        return new FilterCondition(Field.Trim(), Operator, values);
    }

    public static RecordFilter ToFilter(IEnumerable<FilterLine> lines) => new([.. lines.Select(l => l.ToCondition())]);

    /// <summary>The error messages of each line (null when the line is valid), each line validated on its own.</summary>
    public static IReadOnlyList<string?> Errors(IReadOnlyList<FilterLine> lines, Func<RecordFilter, IReadOnlyList<FilterError>> validate) =>
        [.. lines.Select(line => validate(new RecordFilter(line.ToCondition())) is { Count: > 0 } errors
            ? string.Join(" ", errors.Select(e => e.Message).Distinct())
            : null)];
}
