using System.Data.Common;
using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CouplingPortal.Core.Data;

/// <summary>
/// Inserts many rows with one INSERT statement built from the EF model (table, columns, provider type mappings),
/// for volumes where the change tracker is the bottleneck. Stamps system fields like
/// <see cref="SystemFieldsInterceptor"/> does. Works on both providers.
/// </summary>
internal static class BulkInserter
{
    private const int RowsPerBatch = 1_000;

    public static async Task InsertAsync<T>(PortalDbContext db, IReadOnlyList<T> rows, SystemStampClock clock, CancellationToken ct)
        where T : MasterRecord
    {
        foreach (var row in rows)
        {
            if (row.SystemId == Guid.Empty)
                row.SystemId = Guid.NewGuid();
            row.SystemCreatedAt = row.SystemModifiedAt = clock.Next();
        }
        await InsertRowsAsync(db, rows, ct);
    }

    /// <summary>
    /// Inserts rows of any mapped entity as they are (no stamping); store-generated integer keys are left to the
    /// database. For volumes where the change tracker and SQLite's by-name parameter binding in one big batch are slow.
    /// </summary>
    public static async Task InsertRowsAsync<T>(PortalDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
            return;

        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && !(p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
            .ToList();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToList();
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var insert = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", properties.Select(p => sqlHelper.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, c) => sqlHelper.GenerateParameterNamePlaceholder($"p{c}")))})";

        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            // The type mappings shape each parameter (value conversions, Guid as text on SQLite, timestamptz, ...).
            await using var factory = connection.CreateCommand();
            void AddParameters(DbParameterCollection parameters, T row)
            {
                for (var c = 0; c < properties.Count; c++)
                    parameters.Add(mappings[c].CreateParameter(factory, sqlHelper.GenerateParameterName($"p{c}"),
                        properties[c].PropertyInfo!.GetValue(row), properties[c].IsNullable));
            }

            if (connection.CanCreateBatch)
            {
                // PostgreSQL: many INSERTs per round trip.
                for (var offset = 0; offset < rows.Count; offset += RowsPerBatch)
                {
                    await using var batch = connection.CreateBatch();
                    batch.Transaction = transaction;
                    for (var r = offset; r < Math.Min(rows.Count, offset + RowsPerBatch); r++)
                    {
                        var command = batch.CreateBatchCommand();
                        command.CommandText = insert;
                        AddParameters(command.Parameters, rows[r]);
                        batch.BatchCommands.Add(command);
                    }
                    await batch.ExecuteNonQueryAsync(ct);
                }
            }
            else
            {
                // SQLite: one prepared statement executed per row is its fastest path (it binds parameters by name with
                // a linear search, so multi-row statements with thousands of parameters are slower, not faster).
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = insert;
                foreach (var row in rows)
                {
                    command.Parameters.Clear();
                    AddParameters(command.Parameters, row);
                    await command.ExecuteNonQueryAsync(ct);
                }
            }

            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(ct);
        }
        finally
        {
            if (openedHere)
                await db.Database.CloseConnectionAsync();
        }
    }
}
