namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// A $filter expression tree. Values are always formatted by <see cref="ODataLiteral"/>; there is no way to pass raw
/// text, so user input can never change the shape of a query. Combine with &amp;, | and !.
/// </summary>
public abstract class Filter
{
    /// <summary>The expression as OData text (not URL-encoded).</summary>
    public abstract string ToODataString();

    public override string ToString() => ToODataString();

    public static Filter Eq(string column, object? value) => new Comparison(column, "eq", value);
    public static Filter Ne(string column, object? value) => new Comparison(column, "ne", value);
    public static Filter Gt(string column, object value) => new Comparison(column, "gt", value);
    public static Filter Ge(string column, object value) => new Comparison(column, "ge", value);
    public static Filter Lt(string column, object value) => new Comparison(column, "lt", value);
    public static Filter Le(string column, object value) => new Comparison(column, "le", value);
    public static Filter IsNull(string column) => new Comparison(column, "eq", null);
    public static Filter IsNotNull(string column) => new Comparison(column, "ne", null);

    /// <summary>Compares the lookup property _<paramref name="lookupColumn"/>_value with a GUID (or null).</summary>
    public static Filter LookupEq(string lookupColumn, Guid? id) => new Comparison($"_{lookupColumn}_value", "eq", id);

    /// <summary>Substring match, case-insensitive; % _ [ in <paramref name="value"/> match literally.</summary>
    public static Filter Contains(string column, string value) => new StringFunction("contains", column, value);
    public static Filter StartsWith(string column, string value) => new StringFunction("startswith", column, value);
    public static Filter EndsWith(string column, string value) => new StringFunction("endswith", column, value);

    /// <summary>column eq v1 or column eq v2 …; an empty list is refused because it would match nothing.</summary>
    public static Filter In(string column, IEnumerable<object?> values)
    {
        var list = values.ToList();
        return list.Count == 0
            ? throw new ArgumentException("An empty value list matches no row; skip the query instead.", nameof(values))
            : list.Select(v => Eq(column, v)).Aggregate((a, b) => a | b);
    }

    public static Filter And(params Filter[] filters) => filters.Aggregate((a, b) => a & b);
    public static Filter Or(params Filter[] filters) => filters.Aggregate((a, b) => a | b);
    public static Filter Not(Filter filter) => new Negation(filter);

    public static Filter operator &(Filter left, Filter right) => new Logical("and", left, right);
    public static Filter operator |(Filter left, Filter right) => new Logical("or", left, right);
    public static Filter operator !(Filter filter) => new Negation(filter);

    private sealed class Comparison(string column, string op, object? value) : Filter
    {
        private readonly string _column = ODataLiteral.Name(column);
        private readonly string _literal = ODataLiteral.Format(value);

        public override string ToODataString() => $"{_column} {op} {_literal}";
    }

    private sealed class StringFunction(string function, string column, string value) : Filter
    {
        private readonly string _column = ODataLiteral.Name(column);
        private readonly string _literal = ODataLiteral.Quote(ODataLiteral.EscapeLikeWildcards(value ?? throw new ArgumentNullException(nameof(value))));

        public override string ToODataString() => $"{function}({_column},{_literal})";
    }

    private sealed class Logical(string op, Filter left, Filter right) : Filter
    {
        public override string ToODataString() => $"({left.ToODataString()} {op} {right.ToODataString()})";
    }

    private sealed class Negation(Filter inner) : Filter
    {
        public override string ToODataString() => $"not ({inner.ToODataString()})";
    }
}
