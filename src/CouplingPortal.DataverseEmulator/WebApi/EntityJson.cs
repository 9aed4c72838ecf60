using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>Writes rows the way Dataverse does: @odata.etag, selected columns (nulls included), lookups as _x_value, the key always.</summary>
internal static class EntityJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    public static string ETag(EntityRow row) => $"W/\"{row.Version}\"";

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The columns a response carries for a $select (null = all), with Dataverse's automatic additions.</summary>
    public static IReadOnlyList<ColumnDefinition> ResponseColumns(TableDefinition table, IReadOnlyList<ColumnDefinition>? select)
    {
        if (select is null) return table.Columns;
        var columns = new List<ColumnDefinition>(select);
        if (select.Any(c => c.Type == ColumnType.Money) && table.ColumnsByName.TryGetValue("transactioncurrencyid", out var currency) && !columns.Contains(currency))
            columns.Add(currency);
        if (select.Any(c => c.LogicalName.StartsWith("address1_", StringComparison.Ordinal)) && table.ColumnsByName.TryGetValue("address1_composite", out var composite) && !columns.Contains(composite))
            columns.Add(composite);
        if (!columns.Contains(table.PrimaryKey)) columns.Add(table.PrimaryKey);
        return columns;
    }

    public static void WriteEntityBody(Utf8JsonWriter w, DataverseStore store, TableDefinition table, EntityRow row,
        IReadOnlyList<ColumnDefinition> columns, AnnotationFilter annotations)
    {
        w.WriteString("@odata.etag", ETag(row));
        foreach (var column in columns)
        {
            var value = row.Get(column.LogicalName);
            if (column.IsLookup)
            {
                var name = column.PropertyName;
                if (value is EntityReference reference && annotations.Any)
                {
                    if (annotations.Includes(AnnotationFilter.FormattedValue) && FormattedLookup(store, reference) is { } display)
                        w.WriteString(name + "@" + AnnotationFilter.FormattedValue, display);
                    if (annotations.Includes(AnnotationFilter.AssociatedNavigationProperty))
                        w.WriteString(name + "@" + AnnotationFilter.AssociatedNavigationProperty,
                            column.Targets.FirstOrDefault(t => t.TargetTable == reference.LogicalName)?.NavigationProperty ?? column.LogicalName);
                    if (annotations.Includes(AnnotationFilter.LookupLogicalName))
                        w.WriteString(name + "@" + AnnotationFilter.LookupLogicalName, reference.LogicalName);
                }
                if (value is EntityReference r) w.WriteString(name, r.Id.ToString("D"));
                else w.WriteNull(name);
                continue;
            }
            if (value is not null && annotations.Includes(AnnotationFilter.FormattedValue) && Formatted(column, value) is { } formatted)
                w.WriteString(column.LogicalName + "@" + AnnotationFilter.FormattedValue, formatted);
            w.WritePropertyName(column.LogicalName);
            WriteValue(w, column, value);
        }
    }

    public static void WriteValue(Utf8JsonWriter w, ColumnDefinition column, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case decimal d: w.WriteNumberValue(column.Type == ColumnType.Money ? decimal.Round(d, 4) + 0.0000m : d); break;
            case bool b: w.WriteBooleanValue(b); break;
            case DateTime dt: w.WriteStringValue(dt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)); break;
            case Guid g: w.WriteStringValue(g.ToString("D")); break;
            case EntityReference r: w.WriteStringValue(r.Id.ToString("D")); break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }

    private static string? Formatted(ColumnDefinition column, object value) => value switch
    {
        int i when column.Options is not null => column.Options.GetValueOrDefault(i),
        bool b => b ? "Yes" : "No",
        decimal d when column.Type == ColumnType.Money => d.ToString("N2", EnUs),
        decimal d => d.ToString(EnUs),
        int i => i.ToString("N0", EnUs),
        DateTime dt => dt.ToString("M/d/yyyy h:mm tt", EnUs),
        _ => null,
    };

    private static string? FormattedLookup(DataverseStore store, EntityReference reference)
    {
        if (!store.Metadata.ByLogicalName.TryGetValue(reference.LogicalName, out var target)) return null;
        var row = store.Table(reference.LogicalName).Rows.GetValueOrDefault(reference.Id);
        return row?.Get(target.PrimaryNameAttribute) as string;
    }

    public static JsonObject ToJsonObject(DataverseStore store, TableDefinition table, EntityRow row)
    {
        var text = Write(w =>
        {
            w.WriteStartObject();
            WriteEntityBody(w, store, table, row, table.Columns, AnnotationFilter.None);
            w.WriteEndObject();
        });
        return JsonNode.Parse(text)!.AsObject();
    }
}
