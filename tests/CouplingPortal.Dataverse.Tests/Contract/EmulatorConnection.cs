using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Resilience;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.DataverseEmulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>
/// One emulator on a loopback port (Kestrel, real HTTP) and a client wired exactly as the portal wires it
/// (<c>AddDataverseClient</c>), pointed at the emulator after it started.
/// </summary>
internal sealed class EmulatorConnection : IAsyncDisposable
{
    public const string Token = "contract-test-token";

    private readonly ServiceProvider _services;

    private EmulatorConnection(RunningDataverseEmulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        _services = services;
        Client = services.GetRequiredService<IDataverseClient>();
        Gate = services.GetRequiredService<DataverseThrottleGate>();
    }

    public RunningDataverseEmulator Emulator { get; }
    public IDataverseClient Client { get; }
    public DataverseThrottleGate Gate { get; }

    public static async Task<EmulatorConnection> StartAsync(
        Action<DataverseEmulatorOptions>? emulator = null,
        Dictionary<string, string?>? clientSettings = null,
        Action<IServiceCollection>? services = null,
        bool withToken = true,
        TimeProvider? emulatorClock = null)
    {
        var options = new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token };
        emulator?.Invoke(options);
        var running = await DataverseEmulatorHost.StartAsync(options, emulatorClock, ct: TestContext.Current.CancellationToken);

        var settings = new Dictionary<string, string?>
        {
            // Fast back-off keeps 5xx tests short; Retry-After still comes from the server.
            ["Dataverse:RetryBaseDelay"] = "00:00:00.050",
            ["Dataverse:MaxRetryAttempts"] = "6",
        };
        foreach (var (key, value) in clientSettings ?? [])
        {
            settings[key] = value;
        }

        var collection = new ServiceCollection().AddLogging().AddDataverseClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        provider.GetRequiredService<DataverseEndpoint>().UseEnvironment(running.EnvironmentUrl, withToken ? Token : null);
        return new EmulatorConnection(running, provider);
    }

    /// <summary>
    /// Web API requests the emulator logged, oldest first. The emulator logs a request after its answer went out, so the
    /// client can be a moment ahead of the log: this waits until at least <paramref name="count"/> matching entries exist.
    /// </summary>
    public IReadOnlyList<EmulatorRequestRecord> Logged(int count, Func<EmulatorRequestRecord, bool>? where = null)
    {
        List<EmulatorRequestRecord> Matching() => Emulator.Requests
            .Where(r => r.Target.Contains("/api/data/", StringComparison.Ordinal) && (where?.Invoke(r) ?? true))
            .OrderBy(r => r.At)
            .ToList();

        SpinWait.SpinUntil(() => Matching().Count >= count, TimeSpan.FromSeconds(10));
        return Matching();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
