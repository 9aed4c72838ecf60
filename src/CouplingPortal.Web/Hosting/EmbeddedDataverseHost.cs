using System.Security.Cryptography;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.DataverseEmulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Web.Hosting;

/// <summary>
/// Starts the embedded Dataverse emulator before the portal serves its first request (seeded with the demo data,
/// stored in the portal's data folder), points the Dataverse client at it with a token made for this run, and makes the
/// connection setup follow it. Once the portal listens, the Sales form's Business Central button targets the portal's
/// /dataverse/open (unless DataverseEmulator:PortalUrl names another address, e.g. the portal's public host name).
/// </summary>
public sealed class EmbeddedDataverseHost(
    IConfiguration configuration,
    IOptions<EmbeddedDataverseOptions> embeddedOptions,
    IOptions<DatabaseOptions> databaseOptions,
    DataverseEndpoint endpoint,
    EmbeddedDataverseEnvironment environment,
    DataverseConnectionService connection,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggerFactory) : IHostedLifecycleService, IAsyncDisposable
{
    public const string PortalOpenPath = "dataverse/open";

    private RunningDataverseEmulator? _emulator;

    /// <summary>The running emulator (tests and diagnostics); null before start.</summary>
    public RunningDataverseEmulator? Emulator => _emulator;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        environment.MarkInUse();
        var options = configuration.GetSection(DataverseEmulatorOptions.SectionName).Get<DataverseEmulatorOptions>() ?? new DataverseEmulatorOptions();
        var embedded = embeddedOptions.Value;
        options.Port = embedded.Port;
        options.SeedDemoData = true;
        if (string.Equals(embedded.Store, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            options.Store = "Memory";
        }
        else
        {
            options.Store = "Sqlite";
            var dataFolder = Path.GetDirectoryName(databaseOptions.Value.SqliteFilePath)!;
            Directory.CreateDirectory(dataFolder);
            options.SqlitePath = Path.Combine(dataFolder, EmbeddedDataverseOptions.SqliteFileName);
        }
        // A token made for this run unless one is configured: the emulator's API keeps refusing calls without it.
        options.AccessToken = string.IsNullOrWhiteSpace(options.AccessToken)
            ? Convert.ToHexString(RandomNumberGenerator.GetBytes(32))
            : options.AccessToken;

        _emulator = await DataverseEmulatorHost.StartAsync(options, logging: new ForwardingLoggerProvider(loggerFactory), ct: cancellationToken);
        endpoint.UseEnvironment(_emulator.EnvironmentUrl, options.AccessToken);
        environment.Started(_emulator.EnvironmentUrl, options.AccessToken);
        await connection.UseEmbeddedEmulatorAsync(_emulator.EnvironmentUrl, cancellationToken);
        loggerFactory.CreateLogger<EmbeddedDataverseHost>().LogInformation(
            "Embedded Dataverse emulator at {EnvironmentUrl} ({Store} store)", _emulator.EnvironmentUrl, options.Store);

        if (string.IsNullOrWhiteSpace(options.PortalUrl))
        {
            lifetime.ApplicationStarted.Register(PointBusinessCentralButtonAtPortal);
        }
    }

    private void PointBusinessCentralButtonAtPortal()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.OrdinalIgnoreCase) ? 1 : 0)
            .FirstOrDefault();
        if (_emulator is null || address is null || !Uri.TryCreate(LoopbackFor(address), UriKind.Absolute, out var portal))
        {
            return;
        }
        _emulator.Options.PortalUrl = new Uri(portal, PortalOpenPath).AbsoluteUri;
    }

    /// <summary>Wildcard listen addresses (0.0.0.0, [::], +, *) become 127.0.0.1: the button opens on this machine.</summary>
    private static string LoopbackFor(string address) =>
        address.Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1")
            .Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").TrimEnd('/') + "/";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _emulator, null) is { } emulator)
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary>
    /// The emulator's own host logs into the portal's logging (same console, same filters), except its host lifetime
    /// and Kestrel start-up chatter, which would read like a second portal starting.
    /// </summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName.StartsWith("Microsoft.Hosting", StringComparison.Ordinal) || categoryName.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
                ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance
                : factory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
