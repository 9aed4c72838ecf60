using Microsoft.Data.Sqlite;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>A committed unit of work: rows to write (Json) or remove (Json null), and change-log entries.</summary>
internal sealed record PersistedChanges(
    IReadOnlyList<(string Table, Guid Id, string? Json)> Rows,
    IReadOnlyList<(string Table, ChangeEntry Change)> Changes);

/// <summary>
/// Where committed rows live beyond the process. The working set is always in memory (queries run there);
/// the SQLite flavour writes every committed transaction through to a file and reloads it on start.
/// </summary>
internal interface IRowPersistence : IDisposable
{
    IEnumerable<(string Table, Guid Id, string Json)> LoadRows();
    IEnumerable<(string Table, ChangeEntry Change)> LoadChanges();
    void Save(PersistedChanges changes);
    void Clear();
}

internal sealed class NoPersistence : IRowPersistence
{
    public IEnumerable<(string Table, Guid Id, string Json)> LoadRows() => [];
    public IEnumerable<(string Table, ChangeEntry Change)> LoadChanges() => [];
    public void Save(PersistedChanges changes) { }
    public void Clear() { }
    public void Dispose() { }
}

internal sealed class SqliteRowPersistence : IRowPersistence
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _change;

    public SqliteRowPersistence(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS rows (tbl TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (tbl, id));
            CREATE TABLE IF NOT EXISTS changes (version INTEGER NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL, deleted INTEGER NOT NULL);
            """);
        _upsert = Prepare("INSERT INTO rows (tbl, id, json) VALUES ($t, $i, $j) ON CONFLICT (tbl, id) DO UPDATE SET json = excluded.json", "$t", "$i", "$j");
        _delete = Prepare("DELETE FROM rows WHERE tbl = $t AND id = $i", "$t", "$i");
        _change = Prepare("INSERT INTO changes (version, tbl, id, deleted) VALUES ($v, $t, $i, $d)", "$v", "$t", "$i", "$d");
    }

    public IEnumerable<(string Table, Guid Id, string Json)> LoadRows()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT tbl, id, json FROM rows";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, Guid, string)>();
        while (r.Read()) list.Add((r.GetString(0), Guid.Parse(r.GetString(1)), r.GetString(2)));
        return list;
    }

    public IEnumerable<(string Table, ChangeEntry Change)> LoadChanges()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT version, tbl, id, deleted FROM changes ORDER BY version";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, ChangeEntry)>();
        while (r.Read()) list.Add((r.GetString(1), new ChangeEntry(r.GetInt64(0), Guid.Parse(r.GetString(2)), r.GetInt64(3) != 0)));
        return list;
    }

    public void Save(PersistedChanges changes)
    {
        using var tx = _connection.BeginTransaction();
        _upsert.Transaction = _delete.Transaction = _change.Transaction = tx;
        foreach (var (table, id, json) in changes.Rows)
        {
            var cmd = json is null ? _delete : _upsert;
            cmd.Parameters[0].Value = table;
            cmd.Parameters[1].Value = id.ToString("D");
            if (json is not null) cmd.Parameters[2].Value = json;
            cmd.ExecuteNonQuery();
        }
        foreach (var (table, change) in changes.Changes)
        {
            _change.Parameters[0].Value = change.Version;
            _change.Parameters[1].Value = table;
            _change.Parameters[2].Value = change.Id.ToString("D");
            _change.Parameters[3].Value = change.Deleted ? 1 : 0;
            _change.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Clear() => Execute("DELETE FROM rows; DELETE FROM changes;");

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
        _change.Dispose();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n, Value = DBNull.Value });
        cmd.Prepare();
        return cmd;
    }
}
