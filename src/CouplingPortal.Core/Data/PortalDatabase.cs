using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using System.Data.Common;

namespace CouplingPortal.Core.Data;

/// <summary>The one place that chooses the database provider.</summary>
public static class PortalDatabase
{
    /// <summary>How long a SQLite statement waits for another writer (a background job, a page) before failing.</summary>
    public const int SqliteBusyTimeoutMilliseconds = 10_000;

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (options.ParsedProvider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options));
                builder.AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString);
                break;
        }
    }

    public static PortalDbContext CreateContext(DbContextOptions<PortalDbContext> contextOptions, DatabaseOptions options) =>
        options.ParsedProvider switch
        {
            DatabaseProvider.Postgres => new PostgresPortalDbContext(contextOptions),
            _ => new SqlitePortalDbContext(contextOptions),
        };

    public static string SqliteConnectionString(DatabaseOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = options.SqliteFilePath }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.Pooling = true;
        // Microsoft.Data.Sqlite retries SQLITE_BUSY for the command timeout (seconds): this is the busy timeout.
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, SqliteBusyTimeoutMilliseconds / 1000);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        return builder.ToString();
    }

    /// <summary>
    /// WAL lets pages read while a background job writes; busy_timeout makes SQLite itself wait for a lock instead of
    /// failing at once. Both are set on every opened connection: WAL is persistent and cheap to re-assert.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        private static readonly string Pragmas =
            $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={SqliteBusyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
