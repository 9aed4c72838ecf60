using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// One row as Dataverse returned it. <see cref="Json"/> keeps every column and annotation; the getters read the
/// common types. Missing and null columns read as null.
/// </summary>
public sealed class DataverseRow(JsonObject json)
{
    public JsonObject Json { get; } = json ?? throw new ArgumentNullException(nameof(json));

    /// <summary>The weak ETag, e.g. W/"12345"; store it whole (reference §3.7).</summary>
    public string? ETag => GetString("@odata.etag");

    public bool Has(string column) => Json.ContainsKey(column);

    public JsonNode? this[string column] => Json[column];

    public string? GetString(string column) => Json[column] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Json[column]?.ToString();

    public int? GetInt32(string column) => Json[column] is JsonValue v ? v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : int.Parse(v.ToString(), CultureInfo.InvariantCulture) : null;

    public long? GetInt64(string column) => Json[column] is JsonValue v ? v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : long.Parse(v.ToString(), CultureInfo.InvariantCulture) : null;

    public decimal? GetDecimal(string column) => Json[column] is JsonValue v ? v.GetValueKind() == JsonValueKind.Number ? v.GetValue<decimal>() : decimal.Parse(v.ToString(), CultureInfo.InvariantCulture) : null;

    public bool? GetBoolean(string column) => Json[column] is JsonValue v ? v.GetValue<bool>() : null;

    public Guid? GetGuid(string column) => GetString(column) is { } s ? Guid.Parse(s) : null;

    /// <summary>Reads the lookup property _<paramref name="lookupColumn"/>_value (reference §1.3).</summary>
    public Guid? GetLookupId(string lookupColumn) => GetGuid($"_{lookupColumn}_value");

    /// <summary>A date-time column as UTC.</summary>
    public DateTime? GetDateTime(string column) =>
        GetString(column) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime : null;

    /// <summary>The primary key of this row (always returned, reference §1.3).</summary>
    public Guid GetId(DataverseTable table) =>
        GetGuid(table.PrimaryKey) ?? throw new InvalidOperationException($"The row has no {table.PrimaryKey}.");

    public override string ToString() => Json.ToJsonString();
}
