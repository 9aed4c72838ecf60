using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Storage;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>A parsed key segment: <c>(guid)</c>, <c>(accountid=guid)</c> or an alternate key <c>(accountnumber='C1',…)</c>.</summary>
internal sealed record ParsedKey(Guid? Id, AlternateKey? Key, IReadOnlyDictionary<string, object>? Values, string Text);

internal static class KeySegment
{
    public static ParsedKey Parse(TableDefinition table, string inner)
    {
        inner = inner.Trim();
        if (Guid.TryParse(inner, out var id)) return new ParsedKey(id, null, null, inner);
        var tokens = ODataTokenizer.Tokenize(inner);
        var pairs = new Dictionary<string, Token>(StringComparer.Ordinal);
        var p = 0;
        while (tokens[p].Kind != TokenKind.End)
        {
            if (tokens[p].Kind != TokenKind.Identifier || tokens[p + 1].Kind != TokenKind.Equals || tokens[p + 2].Kind is TokenKind.End or TokenKind.Comma)
                throw InvalidKey(table);
            pairs[tokens[p].Text] = tokens[p + 2];
            p += 3;
            if (tokens[p].Kind == TokenKind.Comma) p++;
            else if (tokens[p].Kind != TokenKind.End) throw InvalidKey(table);
        }
        if (pairs.Count == 1 && pairs.TryGetValue(table.PrimaryIdAttribute, out var pkToken) && table.LogicalName != "systemuser")
        {
            if (pkToken.Kind != TokenKind.Guid) throw InvalidKey(table);
            return new ParsedKey((Guid)pkToken.Value!, null, null, inner);
        }
        foreach (var key in table.AlternateKeys)
        {
            if (key.Columns.Count != pairs.Count || !key.Columns.All(pairs.ContainsKey)) continue;
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var column in key.Columns)
                values[column] = ToStorage(table, table.ColumnsByName[column], pairs[column]);
            return new ParsedKey(null, key, values, inner);
        }
        throw InvalidKey(table);
    }

    private static object ToStorage(TableDefinition table, ColumnDefinition column, Token token) => (column.Type, token.Kind) switch
    {
        (ColumnType.String or ColumnType.Memo, TokenKind.String) => (string)token.Value!,
        (ColumnType.Integer or ColumnType.Choice, TokenKind.Integer) => (int)(long)token.Value!,
        (ColumnType.Decimal or ColumnType.Money, TokenKind.Integer) => (decimal)(long)token.Value!,
        (ColumnType.Decimal or ColumnType.Money, TokenKind.Decimal) => (decimal)token.Value!,
        (ColumnType.Guid, TokenKind.Guid) => (Guid)token.Value!,
        _ => throw InvalidKey(table),
    };

    public static DataverseException InvalidKey(TableDefinition table) =>
        DataverseErrors.BadRequest($"The key in the request URI is not valid for resource '{table.EdmTypeName}'. Ensure that the names and number of key properties match the declared or alternate key properties for the resource '{table.EdmTypeName}'.");

    public static EntityRow? Find(TableData table, ParsedKey key)
    {
        if (key.Id is { } id) return table.Rows.GetValueOrDefault(id);
        var kv = TableData.KeyValue(key.Key!, c => key.Values![c]);
        return kv is not null && table.KeyIndexes[key.Key!.Name].TryGetValue(kv, out var found) ? table.Rows.GetValueOrDefault(found) : null;
    }

    /// <summary>Finds the row a key segment names; keyText is null when the key was a plain id.</summary>
    public static EntityRow? Find(StoreTransaction tx, TableData table, string inner, out string? keyText)
    {
        var key = Parse(table.Definition, inner);
        keyText = key.Id is null ? key.Text : null;
        return Find(table, key);
    }

    public static Guid GuidOf(string inner) => Guid.TryParse(inner.Trim(), out var g) ? g : Guid.Empty;

    public static DataverseException NotFound(TableDefinition table, ParsedKey key) =>
        key.Id is { } id ? DataverseErrors.NotFound(table.LogicalName, id) : DataverseErrors.NotFoundByKey(table.LogicalName, key.Text);
}
