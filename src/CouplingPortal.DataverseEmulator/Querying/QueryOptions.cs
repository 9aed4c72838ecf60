using System.Globalization;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Querying;

internal sealed record OrderKey(ColumnDefinition Column, bool Descending);

/// <summary>The validated system query options of a collection or entity request.</summary>
internal sealed class QueryOptions
{
    public IReadOnlyList<ColumnDefinition>? Select { get; private init; }
    public IReadOnlyList<string>? SelectNames { get; private init; }
    public FilterNode? Filter { get; private init; }
    public IReadOnlyList<OrderKey> OrderBy { get; private init; } = [];
    public int? Top { get; private init; }
    public bool Count { get; private init; }
    public string? SkipToken { get; private init; }
    public string? DeltaToken { get; private init; }
    public bool HasFilter { get; private init; }
    public bool HasOrderBy { get; private init; }

    private static readonly HashSet<string> Known = ["$select", "$filter", "$orderby", "$top", "$count", "$skiptoken", "$deltatoken"];

    public static QueryOptions Parse(IReadOnlyDictionary<string, string> query, TableDefinition table)
    {
        foreach (var name in query.Keys)
        {
            if (!name.StartsWith('$') || Known.Contains(name)) continue;
            throw name switch
            {
                "$skip" => DataverseErrors.BadRequest("The query parameter $skip is not supported. Use the @odata.nextLink returned with Prefer: odata.maxpagesize to page through results."),
                "$expand" => DataverseErrors.BadRequest("The emulator does not support $expand; read related rows with their own requests."),
                _ => DataverseErrors.BadRequest($"The query parameter '{name}' is not supported."),
            };
        }
        var select = query.GetValueOrDefault("$select");
        var filter = query.GetValueOrDefault("$filter");
        var orderby = query.GetValueOrDefault("$orderby");
        var top = query.GetValueOrDefault("$top");
        var count = query.GetValueOrDefault("$count");
        int? topValue = null;
        if (top is not null)
        {
            if (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                throw DataverseErrors.BadRequest($"Invalid value '{top}' for $top query option found. The $top query option requires a non-negative integer value.");
            topValue = t;
        }
        if (count is not null and not ("true" or "false"))
            throw DataverseErrors.BadRequest($"'{count}' is not a valid count option.");
        var (columns, names) = ParseSelect(select, table);
        return new QueryOptions
        {
            Select = columns,
            SelectNames = names,
            Filter = filter is null ? null : FilterParser.Parse(filter, table),
            HasFilter = filter is not null,
            OrderBy = ParseOrderBy(orderby, table),
            HasOrderBy = orderby is not null,
            Top = topValue,
            Count = count == "true",
            SkipToken = query.GetValueOrDefault("$skiptoken"),
            DeltaToken = query.GetValueOrDefault("$deltatoken"),
        };
    }

    public static (IReadOnlyList<ColumnDefinition>?, IReadOnlyList<string>?) ParseSelect(string? select, TableDefinition table)
    {
        if (string.IsNullOrWhiteSpace(select)) return (null, null);
        var names = select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var columns = new List<ColumnDefinition>();
        foreach (var name in names)
        {
            if (!table.ColumnsByPropertyName.TryGetValue(name, out var column))
                throw DataverseErrors.UnknownProperty(name, table.EdmTypeName);
            if (!columns.Contains(column)) columns.Add(column);
        }
        return (columns, names);
    }

    private static IReadOnlyList<OrderKey> ParseOrderBy(string? orderby, TableDefinition table)
    {
        if (string.IsNullOrWhiteSpace(orderby)) return [];
        var keys = new List<OrderKey>();
        foreach (var part in orderby.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is < 1 or > 2 || (words.Length == 2 && words[1] is not ("asc" or "desc")))
                throw DataverseErrors.BadRequest($"Syntax error in $orderby '{orderby}'.");
            if (!table.ColumnsByPropertyName.TryGetValue(words[0], out var column))
                throw DataverseErrors.UnknownProperty(words[0], table.EdmTypeName);
            if (keys.Any(k => k.Column == column))
                throw DataverseErrors.BadRequest($"The column '{column.LogicalName}' is specified more than once in $orderby. Order by columns must be unique.", DataverseErrors.OrderByColumnsMustBeUnique);
            keys.Add(new OrderKey(column, words.Length == 2 && words[1] == "desc"));
        }
        return keys;
    }
}
