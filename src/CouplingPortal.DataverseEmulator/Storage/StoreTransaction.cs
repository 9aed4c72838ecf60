using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>
/// All-or-nothing work on the store, run while the store lock is held. Remembers the previous instance of every
/// row it touches so a rollback (a failed changeset) restores rows, key indexes and change logs exactly.
/// </summary>
internal sealed class StoreTransaction(DataverseStore store)
{
    // Most transactions touch one row (a create or update outside a changeset), and a read-only one touches none:
    // the first row and the first table are kept in fields, dictionaries are made only for a second one.
    private TableData? _firstTable;
    private Guid _firstId;
    private EntityRow? _firstPrior;
    private Dictionary<(TableData Table, Guid Id), EntityRow?>? _priors;
    private TableData? _firstLogTable;
    private int _firstLogLength;
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
        if (_firstTable is null || store.Persistence is NoPersistence) return;
        var rows = new List<(string, Guid, string?)>(1 + (_priors?.Count ?? 0));
        foreach (var (table, id, _) in Touched())
        {
            var current = table.Rows.GetValueOrDefault(id);
            rows.Add((table.Definition.LogicalName, id, current is null ? null : RowSerializer.Serialize(current)));
        }
        store.Persistence.Save(new PersistedChanges(rows, _newChanges ?? []));
    }

    internal void Rollback()
    {
        if (_firstTable is null) return;
        foreach (var (table, id, prior) in Touched())
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
        TruncateChangeLog(_firstLogTable!, _firstLogLength);
        if (_changeLogLengths is not null)
            foreach (var (table, length) in _changeLogLengths) TruncateChangeLog(table, length);
    }

    private static void TruncateChangeLog(TableData table, int length) => table.Changes.RemoveRange(length, table.Changes.Count - length);

    /// <summary>Every row touched, once, with the instance it had before the transaction (null: it did not exist).</summary>
    private IEnumerable<(TableData Table, Guid Id, EntityRow? Prior)> Touched()
    {
        yield return (_firstTable!, _firstId, _firstPrior);
        if (_priors is null) yield break;
        foreach (var ((table, id), prior) in _priors) yield return (table, id, prior);
    }

    private void Remember(TableData table, Guid id, EntityRow? previous)
    {
        if (_firstTable is null)
        {
            (_firstTable, _firstId, _firstPrior) = (table, id, previous);
        }
        else if (!(ReferenceEquals(_firstTable, table) && _firstId == id))
        {
            (_priors ??= new()).TryAdd((table, id), previous);
        }
        if (_firstLogTable is null)
        {
            (_firstLogTable, _firstLogLength) = (table, table.Changes.Count);
        }
        else if (!ReferenceEquals(_firstLogTable, table))
        {
            (_changeLogLengths ??= new()).TryAdd(table, table.Changes.Count);
        }
    }

    private void Log(TableData table, ChangeEntry entry)
    {
        table.Changes.Add(entry);
        if (store.Persistence is not NoPersistence) (_newChanges ??= []).Add((table.Definition.LogicalName, entry));
    }
}
