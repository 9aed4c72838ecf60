using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Metadata;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>Stores a row's typed values as JSON text (SQLite persistence) and reads them back by column type.</summary>
internal static class RowSerializer
{
    public static string Serialize(EntityRow row)
    {
        var o = new JsonObject();
        foreach (var (name, value) in row.Values)
        {
            o[name] = value switch
            {
                null => null,
                EntityReference r => new JsonObject { ["ln"] = r.LogicalName, ["id"] = r.Id.ToString("D") },
                DateTime d => JsonValue.Create(d.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                Guid g => JsonValue.Create(g.ToString("D")),
                string s => JsonValue.Create(s),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                decimal m => JsonValue.Create(m),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return o.ToJsonString();
    }

    public static EntityRow Deserialize(TableDefinition table, Guid id, string json)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var o = JsonNode.Parse(json)!.AsObject();
        foreach (var (name, node) in o)
        {
            if (!table.ColumnsByName.TryGetValue(name, out var col)) continue;
            values[name] = node is null ? null : col.Type switch
            {
                ColumnType.Lookup => new EntityReference((string)node["ln"]!, Guid.Parse((string)node["id"]!)),
                ColumnType.PrimaryKey or ColumnType.Guid => Guid.Parse(node.GetValue<string>()),
                ColumnType.DateTime => DateTime.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status => node.GetValue<JsonElement>().GetInt32(),
                ColumnType.BigInt => node.GetValue<JsonElement>().GetInt64(),
                ColumnType.Decimal or ColumnType.Money => node.GetValue<JsonElement>().GetDecimal(),
                ColumnType.Boolean => node.GetValue<bool>(),
                _ => node.GetValue<string>(),
            };
        }
        return new EntityRow(id, values);
    }
}
