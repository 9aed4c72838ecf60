using System.Data.Common;
using System.Text;
using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace CouplingPortal.Core.Data;

/// <summary>
/// Inserts many rows with one prepared INSERT built from the EF model (table, columns, provider type
/// mappings), for volumes where the change tracker is the bottleneck. Stamps system fields like
/// <see cref="SystemFieldsInterceptor"/> does. Works on both providers.
/// </summary>
internal static class BulkInserter
{
    public static async Task InsertAsync<T>(PortalDbContext db, IReadOnlyList<T> rows, SystemStampClock clock, CancellationToken ct)
        where T : MasterRecord
    {
        if (rows.Count == 0)
            return;

        var entityType = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sqlHelper.DelimitIdentifier(p.GetColumnName(table)!)));
        var tableName = sqlHelper.DelimitIdentifier(table.Name, table.Schema);

        foreach (var row in rows)
        {
            if (row.SystemId == Guid.Empty)
                row.SystemId = Guid.NewGuid();
            row.SystemCreatedAt = row.SystemModifiedAt = clock.Next();
        }

        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // One prepared single-row INSERT executed per row: SQLite binds parameters by name with a linear search,
            // so multi-row statements with thousands of parameters are slower, not faster.
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO {tableName} ({columns}) VALUES ({string.Join(", ",
                properties.Select((_, c) => sqlHelper.GenerateParameterNamePlaceholder($"p{c}")))})";
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                for (var c = 0; c < properties.Count; c++)
                {
                    var property = properties[c];
                    var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                    command.Parameters.Add(mapping.CreateParameter(command, sqlHelper.GenerateParameterName($"p{c}"),
                        property.PropertyInfo!.GetValue(row), property.IsNullable));
                }
                await command.ExecuteNonQueryAsync(ct);
            }
            if (transaction is not null)
                await transaction.CommitAsync(ct);
        }
        finally
        {
            if (openedHere)
                await db.Database.CloseConnectionAsync();
        }
    }
}
