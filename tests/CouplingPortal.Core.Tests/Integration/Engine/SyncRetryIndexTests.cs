using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Engine;

/// <summary>
/// Issue 4 (b): a scheduled run first reads the couplings to retry. The database must answer that from the partial
/// indexes over those few couplings, not by scanning every coupling of the table.
/// </summary>
public abstract class SyncRetryIndexTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCouplingsAScheduledToPassRetries_AreReadThroughTheirPartialIndex()
    {
        await using var harness = await IntegrationHarness.StartAsync(database);
        await using var db = harness.Db();
        var mapping = await db.IntegrationTableMappings.AsNoTracking().SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
        Assert.Contains("IX_Couplings_RetryToDataverse", await PlanAsync(db, SynchronizationEngine.RetryToDataverse(db, mapping)));
    }

    [Fact]
    public async Task TheCouplingsAScheduledFromPassRetries_AreReadThroughTheirPartialIndex()
    {
        await using var harness = await IntegrationHarness.StartAsync(database);
        await using var db = harness.Db();
        var mapping = await db.IntegrationTableMappings.AsNoTracking().SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
        Assert.Contains("IX_Couplings_RetryFromDataverse", await PlanAsync(db, SynchronizationEngine.RetryFromDataverse(db, mapping)));
    }

    /// <summary>The database's plan for the query EF sends, with its parameters. PostgreSQL is told to avoid sequential
    /// scans (an empty test table is cheaper to scan): what is checked is that the index can serve the query at all.</summary>
    private static async Task<string> PlanAsync(Core.Data.PortalDbContext db, IQueryable<Guid> query)
    {
        await db.Database.OpenConnectionAsync(Ct);
        var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        if (postgres)
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off", Ct);
        await using var command = query.CreateDbCommand();
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var plan = new List<string>();
        while (await reader.ReadAsync(Ct))
            for (var i = 0; i < reader.FieldCount; i++)
                plan.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return string.Join(" | ", plan);
    }
}

public sealed class SqliteSyncRetryIndexTests(SqliteDatabaseFixture database) : SyncRetryIndexTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresSyncRetryIndexTests(PostgresDatabaseFixture database) : SyncRetryIndexTests(database), IClassFixture<PostgresDatabaseFixture>;
