using System.Text;

namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// An immutable collection query: <c>DataverseQuery.From("accounts").Select("name").Where(Filter.Eq("name", v)).OrderBy("name")</c>.
/// Each query option is URL-encoded as a whole, after its literals were escaped.
/// </summary>
public sealed record DataverseQuery
{
    private DataverseQuery(DataverseTable table) => Table = table;

    public DataverseTable Table { get; }
    public IReadOnlyList<string> Columns { get; private init; } = [];
    public Filter? Filter { get; private init; }
    public IReadOnlyList<(string Column, bool Descending)> Ordering { get; private init; } = [];
    public int? TopCount { get; private init; }
    public bool IncludeCount { get; private init; }

    public static DataverseQuery From(DataverseTable table) => new(table ?? throw new ArgumentNullException(nameof(table)));

    public DataverseQuery Select(params string[] columns) =>
        this with { Columns = [.. Columns, .. columns.Select(ODataLiteral.Name)] };

    /// <summary>Adds a filter; a second call is and-ed with the first.</summary>
    public DataverseQuery Where(Filter filter) =>
        this with { Filter = Filter is null ? filter : Filter & filter };

    public DataverseQuery OrderBy(string column) => this with { Ordering = [.. Ordering, (ODataLiteral.Name(column), false)] };

    public DataverseQuery OrderByDescending(string column) => this with { Ordering = [.. Ordering, (ODataLiteral.Name(column), true)] };

    /// <summary>Do not combine with paging or $count (reference §2.2).</summary>
    public DataverseQuery Top(int count) =>
        count > 0 ? this with { TopCount = count } : throw new ArgumentOutOfRangeException(nameof(count));

    public DataverseQuery WithCount() => this with { IncludeCount = true };

    /// <summary>The query string after '?', every option encoded, e.g. $select=name&amp;$filter=name%20eq%20%27O%27%27Brien%27.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Columns.Count > 0)
        {
            parts.Add("$select=" + string.Join(",", Columns.Distinct(StringComparer.Ordinal)));
        }

        if (Filter is not null)
        {
            parts.Add("$filter=" + Uri.EscapeDataString(Filter.ToODataString()));
        }

        if (Ordering.Count > 0)
        {
            parts.Add("$orderby=" + Uri.EscapeDataString(string.Join(",", Ordering.Select(o => o.Column + (o.Descending ? " desc" : " asc")))));
        }

        if (TopCount is { } top)
        {
            parts.Add("$top=" + top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (IncludeCount)
        {
            parts.Add("$count=true");
        }

        return string.Join("&", parts);
    }

    /// <summary>Path relative to the Web API root, e.g. accounts?$select=name.</summary>
    public string ToRelativeUrl()
    {
        var query = ToQueryString();
        var sb = new StringBuilder(Table.EntitySetName);
        if (query.Length > 0)
        {
            sb.Append('?').Append(query);
        }

        return sb.ToString();
    }

    public override string ToString() => ToRelativeUrl();
}
