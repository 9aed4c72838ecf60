using System.Data.Common;
using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>
/// Writes a chunk's couplings, record changes and errors with prepared statements built from the EF model (table,
/// columns, type mappings with their value conversions), like <see cref="BulkInserter"/>: the change tracker costs far
/// more per row than the database does, and a chunk writes thousands of rows. Runs in the context's transaction.
/// </summary>
internal static class SyncRowWriter
{
    public static Task InsertAsync<T>(PortalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class =>
        ExecuteAsync(db, rows, insert: true, ct);

    /// <summary>
    /// Updates the mapped columns of each row by its primary key, except <paramref name="unchanged"/>: columns the caller
    /// never changes stay out of the SET list, so SQLite leaves the indexes over them alone.
    /// </summary>
    public static Task UpdateAsync<T>(PortalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct, params string[] unchanged) where T : class =>
        ExecuteAsync(db, rows, insert: false, ct, unchanged);

    private static async Task ExecuteAsync<T>(PortalDbContext db, IReadOnlyCollection<T> rows, bool insert, CancellationToken ct, string[]? unchanged = null) where T : class
    {
        if (rows.Count == 0)
            return;
        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        // Store-generated keys (identity columns) are left to the database on insert.
        var storeGenerated = key.ValueGenerated != ValueGenerated.Never && key.ClrType is { } t && (t == typeof(long) || t == typeof(int));
        var columns = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && (insert ? !(p == key && storeGenerated) : p != key && !(unchanged ?? []).Contains(p.Name)))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        string Parameter(int i) => sql.GenerateParameterNamePlaceholder($"p{i}");
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var parameters = insert ? columns : [.. columns, key];
        var text = insert
            ? $"INSERT INTO {tableName} ({string.Join(", ", columns.Select(Column))}) VALUES ({string.Join(", ", columns.Select((_, i) => Parameter(i)))})"
            : $"UPDATE {tableName} SET {string.Join(", ", columns.Select((c, i) => $"{Column(c)} = {Parameter(i)}"))} WHERE {Column(key)} = {Parameter(columns.Count)}";
        var mappings = parameters.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToList();

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Synchronization rows are written inside the chunk's transaction.");
        await using var factory = connection.CreateCommand();
        void Bind(DbParameterCollection target, T row)
        {
            for (var i = 0; i < parameters.Count; i++)
                target.Add(mappings[i].CreateParameter(factory, sql.GenerateParameterName($"p{i}"), parameters[i].PropertyInfo!.GetValue(row), parameters[i].IsNullable));
        }

        if (connection.CanCreateBatch)
        {
            // PostgreSQL: all statements of the chunk in one round trip.
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = text;
                Bind(command.Parameters, row);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        else
        {
            // SQLite: one prepared statement executed per row is its fastest path.
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                Bind(command.Parameters, row);
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
