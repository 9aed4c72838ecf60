using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>
/// All-or-nothing work on the store, run while the store lock is held. Remembers the previous instance of every
/// row it touches so a rollback (a failed changeset) restores rows, key indexes and change logs exactly.
/// </summary>
internal sealed class StoreTransaction(DataverseStore store)
{
    // Created on first use: most transactions touch one row, and a read-only one touches none.
    private Dictionary<(TableData Table, Guid Id), EntityRow?>? _priors;
    private Dictionary<TableData, int>? _changeLogLengths;
    private List<(string Table, ChangeEntry Change)>? _newChanges;

    public DataverseStore Store => store;

    public EntityRow? Get(TableData table, Guid id) => table.Rows.GetValueOrDefault(id);

    public long NextVersion() => store.NextVersion();

    /// <summary>Stores a new or changed row, enforcing alternate-key uniqueness, and logs the change.</summary>
    public void Put(TableData table, EntityRow row)
    {
        var previous = table.Rows.GetValueOrDefault(row.Id);
        var keys = table.Definition.AlternateKeys;
        // Each key value is computed once (check and insert); tables have at most a handful of keys.
        var keyValues = keys.Count == 0 ? [] : new string?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var kv = keyValues[i] = TableData.KeyValue(key, row.Get);
            if (kv is not null && table.KeyIndexes[key.Name].TryGetValue(kv, out var owner) && owner != row.Id)
                throw new DataverseException(System.Net.HttpStatusCode.PreconditionFailed, DataverseErrors.DuplicateRecordEntityKey,
                    $"A record that has the attribute values {string.Join(", ", key.Columns)} already exists. The entity key {key.Name} requires that this set of attributes contains unique values. Select unique values and try again.");
        }
        Remember(table, row.Id, previous);
        if (previous is not null) table.RemoveFromIndexes(previous);
        table.Rows[row.Id] = row;
        for (var i = 0; i < keys.Count; i++)
            if (keyValues[i] is { } kv) table.KeyIndexes[keys[i].Name][kv] = row.Id;
        Log(table, new ChangeEntry(row.Version, row.Id, Deleted: false));
    }

    public void Remove(TableData table, EntityRow row)
    {
        Remember(table, row.Id, row);
        table.RemoveFromIndexes(row);
        table.Rows.Remove(row.Id);
        Log(table, new ChangeEntry(store.NextVersion(), row.Id, Deleted: true));
    }

    internal void Commit()
    {
        // The memory store has nothing to write: return before building the list of changed rows.
        if (_priors is null || store.Persistence is NoPersistence) return;
        var rows = new List<(string, Guid, string?)>(_priors.Count);
        foreach (var (table, id) in _priors.Keys)
        {
            var current = table.Rows.GetValueOrDefault(id);
            rows.Add((table.Definition.LogicalName, id, current is null ? null : RowSerializer.Serialize(current)));
        }
        store.Persistence.Save(new PersistedChanges(rows, _newChanges ?? []));
    }

    internal void Rollback()
    {
        if (_priors is null) return;
        foreach (var ((table, id), prior) in _priors)
        {
            if (table.Rows.TryGetValue(id, out var current))
            {
                table.RemoveFromIndexes(current);
                table.Rows.Remove(id);
            }
            if (prior is not null)
            {
                table.Rows[id] = prior;
                table.AddToIndexes(prior);
            }
        }
        foreach (var (table, length) in _changeLogLengths!)
            table.Changes.RemoveRange(length, table.Changes.Count - length);
    }

    private void Remember(TableData table, Guid id, EntityRow? previous)
    {
        (_priors ??= new(1)).TryAdd((table, id), previous);
        (_changeLogLengths ??= new(1)).TryAdd(table, table.Changes.Count);
    }

    private void Log(TableData table, ChangeEntry entry)
    {
        table.Changes.Add(entry);
        if (store.Persistence is not NoPersistence) (_newChanges ??= []).Add((table.Definition.LogicalName, entry));
    }
}
