using CouplingPortal.Core;
using CouplingPortal.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Tests.Infrastructure;

/// <summary>
/// A real database per test class (dropped at the end), plus empty scratch databases for tests that need one.
/// The subclasses differ only in the provider.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private IReadOnlyDictionary<string, string?>? _settings;

    public abstract string Provider { get; }

    /// <summary>The "Database:*" settings of the class database, migrated and seeded with demo data.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings ?? throw new InvalidOperationException("Fixture not initialized.");

    /// <summary>Settings of a new, empty database (no tables yet), dropped with the fixture.</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> CreateScratchDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _settings = await CreateScratchDatabaseAsync();
        await using var services = BuildServices(_settings);
        await services.InitializeDatabaseAsync(TestContext.Current.CancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>The portal's Core services over the given database settings, as the web app registers them.</summary>
    public static ServiceProvider BuildServices(IReadOnlyDictionary<string, string?> settings, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (timeProvider is not null)
            services.AddSingleton(timeProvider);
        return services.AddCouplingCore(configuration).BuildServiceProvider(validateScopes: true);
    }
}

public sealed class SqliteDatabaseFixture : DatabaseFixture
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "couplingportal-tests-" + Guid.NewGuid().ToString("N"));

    public override string Provider => "Sqlite";

    public override Task<IReadOnlyDictionary<string, string?>> CreateScratchDatabaseAsync()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]);
        IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataFolder"] = folder,
        };
        return Task.FromResult(settings);
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresDatabaseFixture : DatabaseFixture
{
    private readonly List<string> _databases = [];

    public override string Provider => "Postgres";

    public override async Task<IReadOnlyDictionary<string, string?>> CreateScratchDatabaseAsync()
    {
        var connectionString = await ThrowAwayPostgres.CreateDatabaseAsync("cp_core_test");
        lock (_databases)
            _databases.Add(connectionString);
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
        };
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
            await ThrowAwayPostgres.DropDatabaseAsync(database);
    }
}
