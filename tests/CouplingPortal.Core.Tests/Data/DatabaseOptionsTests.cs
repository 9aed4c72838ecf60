using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Tests.Data;

public sealed class DatabaseOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Oracle", null, "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    [InlineData("", null, "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    [InlineData("1", null, "Database:Provider must be 'Sqlite' or 'Postgres'.")]
    [InlineData("Postgres", null, "Database:ConnectionString is required when Database:Provider is Postgres.")]
    [InlineData("Postgres", "Hots=nowhere", "Database:ConnectionString is not a valid Postgres connection string")]
    public async Task BadDatabaseSettings_StopStartUp_WithAMessageNamingTheKey(string provider, string? connectionString, string expected)
    {
        await using var services = DatabaseFixture.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => services.InitializeDatabaseAsync(Ct));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ProviderNames_AreAcceptedInAnyCase()
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = "sqlite", DataFolder = "data" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void RelativeDataFolder_IsUnderTheAppBaseDirectory_AndAbsoluteStaysAsIs()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "portal-data");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", DatabaseOptions.SqliteFileName), new DatabaseOptions { DataFolder = "data" }.SqliteFilePath);
        Assert.Equal(Path.Combine(absolute, DatabaseOptions.SqliteFileName), new DatabaseOptions { DataFolder = absolute }.SqliteFilePath);
    }

    [Fact]
    public async Task SqliteDatabase_UsesWalJournalAndABusyTimeout()
    {
        var folder = Path.Combine(Path.GetTempPath(), "couplingportal-wal-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = DatabaseFixture.BuildServices(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataFolder"] = folder,
            });
            await services.InitializeDatabaseAsync(Ct);
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(Ct);

            Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
            Assert.Equal(PortalDatabase.SqliteBusyTimeoutMilliseconds.ToString(), await ScalarAsync(connection, "PRAGMA busy_timeout"));
            Assert.True(File.Exists(Path.Combine(folder, DatabaseOptions.SqliteFileName)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task SqliteListPage_IsNotBlockedByABackgroundWriteInProgress()
    {
        var folder = Path.Combine(Path.GetTempPath(), "couplingportal-wal-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = DatabaseFixture.BuildServices(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataFolder"] = folder,
            });
            await services.InitializeDatabaseAsync(Ct);
            var customers = services.GetRequiredService<CustomerService>();
            var before = (await customers.ListAsync(new ListRequest(0, 5), Ct)).TotalCount;
            await using var job = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
            await using var transaction = await job.Database.BeginTransactionAsync(Ct);
            job.Customers.Add(new Customer { No = "JOB-1", Name = "Written by a job" });
            await job.SaveChangesAsync(Ct);

            var during = await customers.ListAsync(new ListRequest(0, 5), Ct);
            await transaction.CommitAsync(Ct);

            Assert.Equal(before, during.TotalCount);
            Assert.Equal(before + 1, (await customers.ListAsync(new ListRequest(0, 5), Ct)).TotalCount);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task HealthCheck_IsUnhealthy_WhenThePostgresServerCannotBeReached()
    {
        await using var services = DatabaseFixture.BuildServices(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=2",
        });
        var check = ActivatorUtilities.CreateInstance<PortalDatabaseHealthCheck>(services);

        var result = await check.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext(), Ct);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, result.Status);
    }

    private static async Task<string?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(Ct))?.ToString();
    }
}
