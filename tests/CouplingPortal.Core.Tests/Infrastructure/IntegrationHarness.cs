using System.Text.Json.Nodes;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Tests.Infrastructure;

/// <summary>
/// What engine tests run against: a fresh portal database of the fixture's provider (migrated, CRONUS demo data,
/// default mappings), a Dataverse emulator on a loopback port (memory store, this company's bcbi_company row, no demo
/// rows unless asked), and the portal's Core services with the guarded Dataverse client pointed at the emulator over
/// real HTTP. Dispose it at the end of the test.
/// </summary>
public sealed class IntegrationHarness : IAsyncDisposable
{
    public const string Token = "engine-test-token";

    public static Guid CompanyId => DataverseConnectionSetup.DefaultCompanyId;

    private IntegrationHarness(RunningDataverseEmulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        Services = services;
    }

    public RunningDataverseEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    /// <summary>The client the engine uses (refuses to work while the connection is disabled).</summary>
    public IDataverseClient Client => Services.GetRequiredService<IDataverseClient>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A new context on the test's database; dispose it.</summary>
    public PortalDbContext Db() => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <param name="configureEmulator">Emulator options (throttling, faults, page size, demo seed) before it starts.</param>
    /// <param name="clock">One clock for the portal and the emulator (e.g. a FakeTimeProvider); null = the system clock.</param>
    /// <param name="configureServices">Extra registrations (e.g. an engine's options) before the provider is built.</param>
    public static async Task<IntegrationHarness> StartAsync(DatabaseFixture database, Action<DataverseEmulatorOptions>? configureEmulator = null,
        TimeProvider? clock = null, Action<IServiceCollection>? configureServices = null, IDictionary<string, string?>? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token };
        configureEmulator?.Invoke(options);
        var emulator = await DataverseEmulatorHost.StartAsync(options, clock, ct: ct);
        try
        {
            var all = new Dictionary<string, string?>(await database.CreateScratchDatabaseAsync())
            {
                ["Dataverse:EnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri,
                ["Dataverse:StaticAccessToken"] = Token,
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                all[key] = value;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
            var collection = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
                .AddSingleton<IConfiguration>(configuration);
            if (clock is not null)
                collection.AddSingleton(clock);
            collection.AddCouplingCore(configuration).AddDataverseConnection(configuration);
            configureServices?.Invoke(collection);
            var services = collection.BuildServiceProvider(validateScopes: true);

            await services.InitializeDatabaseAsync(ct);
            await services.GetRequiredService<DataverseConnectionService>().UseEmbeddedEmulatorAsync(emulator.EnvironmentUrl, ct);
            await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, CompanyId, ct);
            var harness = new IntegrationHarness(emulator, services);
            if (await harness.Client.RetrieveAsync(DataverseTable.Companies, CompanyId, ct: ct) is null)
                await harness.Client.CreateAsync(DataverseTable.Companies, new JsonObject { ["bcbi_name"] = "CRONUS" }, CompanyId, ct);
            return harness;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
