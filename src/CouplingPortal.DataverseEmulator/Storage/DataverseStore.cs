using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>
/// The emulator's rows. Thread-safe: one lock guards all tables, so a changeset can run atomically.
/// Lookups by id and alternate key are O(1); the change log is append-only per table.
/// </summary>
public sealed class DataverseStore : IDisposable
{
    private readonly Dictionary<string, TableData> _byLogicalName;
    private readonly Dictionary<string, TableData> _bySet;
    private long _version;

    private readonly DataverseEmulatorOptions _options;

    internal DataverseStore(EmulatorMetadata metadata, IRowPersistence persistence, TimeProvider clock, DataverseEmulatorOptions options)
    {
        _options = options;
        Metadata = metadata;
        Persistence = persistence;
        _byLogicalName = metadata.Tables.ToDictionary(t => t.LogicalName, t => new TableData(t), StringComparer.Ordinal);
        _bySet = _byLogicalName.Values.ToDictionary(t => t.Definition.EntitySetName, StringComparer.Ordinal);
        foreach (var (table, id, json) in persistence.LoadRows())
        {
            if (!_byLogicalName.TryGetValue(table, out var data)) continue;
            var row = RowSerializer.Deserialize(data.Definition, id, json);
            data.Rows[id] = row;
            data.AddToIndexes(row);
            _version = Math.Max(_version, row.Version);
        }
        foreach (var (table, change) in persistence.LoadChanges())
        {
            if (!_byLogicalName.TryGetValue(table, out var data)) continue;
            data.Changes.Add(change);
            _version = Math.Max(_version, change.Version);
        }
        Writer = new EntityWriter(this, clock, options);
    }

    internal EmulatorMetadata Metadata { get; }
    internal IRowPersistence Persistence { get; }
    internal EntityWriter Writer { get; }
    internal object SyncRoot { get; } = new();

    /// <summary>The store-wide version counter's last value (every write takes the next one).</summary>
    internal long CurrentVersion => Interlocked.Read(ref _version);
    internal long NextVersion() => Interlocked.Increment(ref _version);

    /// <summary>The version at the last <see cref="Reset"/>: delta tokens from before it can no longer be answered.</summary>
    internal long ResetVersion { get; private set; }

    internal TableData Table(string logicalName) => _byLogicalName[logicalName];
    internal TableData? TableBySet(string entitySet) => _bySet.GetValueOrDefault(entitySet);

    /// <summary>Runs work atomically: under the store lock, committed on success, rolled back on any exception.</summary>
    internal T Write<T>(Func<StoreTransaction, T> work)
    {
        lock (SyncRoot)
        {
            var tx = new StoreTransaction(this);
            try
            {
                var result = work(tx);
                tx.Commit();
                return result;
            }
            catch
            {
                tx.Rollback();
                throw;
            }
        }
    }

    internal T Read<T>(Func<T> work)
    {
        lock (SyncRoot) return work();
    }

    /// <summary>Number of rows in an entity set (e.g. "accounts").</summary>
    public int Count(string entitySet)
    {
        var table = RequireSet(entitySet);
        lock (SyncRoot) return table.Rows.Count;
    }

    /// <summary>
    /// Inserts rows straight into the store in one transaction, with the same validation and server-owned columns
    /// as a Web API create but without HTTP (the benchmark's floor). Rows may carry their primary key.
    /// <paramref name="callerId"/> is the createdby/modifiedby systemuser (default: the integration user).
    /// </summary>
    public Task InsertDirectAsync(string entitySet, IEnumerable<JsonObject> rows, CancellationToken ct = default, Guid? callerId = null)
    {
        var table = RequireSet(entitySet);
        Write(tx =>
        {
            foreach (var body in rows)
            {
                ct.ThrowIfCancellationRequested();
                var payload = Writer.ReadPayload(tx, table.Definition, body, contentIds: null);
                Writer.Create(tx, table, payload, callerId ?? Writer.DefaultCaller);
            }
            return 0;
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Removes every row and change (also from the SQLite file), then seeds the demo data again when asked.
    /// The version counter keeps counting, so ETags issued before never match again, and delta tokens issued before
    /// are refused as expired (the client does a full sync).
    /// </summary>
    public void Reset(bool seedDemoData = false)
    {
        lock (SyncRoot)
        {
            foreach (var table in _byLogicalName.Values)
            {
                table.Rows.Clear();
                table.Changes.Clear();
                foreach (var index in table.KeyIndexes.Values) index.Clear();
            }
            Persistence.Clear();
            ResetVersion = CurrentVersion;
            if (seedDemoData) Seed.DemoSeed.SeedIfEmpty(this, _options);
        }
    }

    /// <summary>A row as the Web API would return it without $select, or null when it does not exist.</summary>
    public JsonObject? Retrieve(string entitySet, Guid id)
    {
        var table = RequireSet(entitySet);
        EntityRow? row;
        lock (SyncRoot) row = table.Rows.GetValueOrDefault(id);
        return row is null ? null : EntityJson.ToJsonObject(this, table.Definition, row);
    }

    private TableData RequireSet(string entitySet) =>
        TableBySet(entitySet) ?? throw new ArgumentException($"Unknown entity set '{entitySet}'.", nameof(entitySet));

    public void Dispose() => Persistence.Dispose();
}
