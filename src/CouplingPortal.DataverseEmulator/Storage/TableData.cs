using System.Globalization;
using CouplingPortal.DataverseEmulator.Metadata;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>The rows, alternate-key indexes and change log of one table. Guarded by the store lock.</summary>
internal sealed class TableData
{
    public TableData(TableDefinition definition)
    {
        Definition = definition;
        foreach (var key in definition.AlternateKeys)
            KeyIndexes[key.Name] = new Dictionary<string, Guid>(StringComparer.Ordinal);
    }

    public TableDefinition Definition { get; }
    public Dictionary<Guid, EntityRow> Rows { get; } = [];
    public Dictionary<string, Dictionary<string, Guid>> KeyIndexes { get; } = new(StringComparer.Ordinal);
    public List<ChangeEntry> Changes { get; } = [];

    /// <summary>The index entry of a row for a key, or null when a key column is empty (Dataverse's key indexes skip nulls).</summary>
    public static string? KeyValue(AlternateKey key, Func<string, object?> valueOf)
    {
        if (key.Columns.Count == 1)
        {
            var single = valueOf(key.Columns[0]);
            return single is null ? null : NormalizeKeyPart(single);
        }
        var parts = new string[key.Columns.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var v = valueOf(key.Columns[i]);
            if (v is null) return null;
            parts[i] = NormalizeKeyPart(v);
        }
        return string.Join('\u001f', parts);
    }

    /// <summary>Key values compare the way SQL Server's case-insensitive collation does.</summary>
    public static string NormalizeKeyPart(object value) => value switch
    {
        string s => s.ToUpperInvariant(),
        EntityReference r => r.Id.ToString("D"),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public void AddToIndexes(EntityRow row)
    {
        foreach (var key in Definition.AlternateKeys)
        {
            var kv = KeyValue(key, row.Get);
            if (kv is not null) KeyIndexes[key.Name][kv] = row.Id;
        }
    }

    public void RemoveFromIndexes(EntityRow row)
    {
        foreach (var key in Definition.AlternateKeys)
        {
            var kv = KeyValue(key, row.Get);
            if (kv is not null && KeyIndexes[key.Name].TryGetValue(kv, out var id) && id == row.Id)
                KeyIndexes[key.Name].Remove(kv);
        }
    }
}
