using System.Net;
using CouplingPortal.DataverseEmulator.Hosting;
using CouplingPortal.DataverseEmulator.ServiceProtection;
using CouplingPortal.DataverseEmulator.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CouplingPortal.DataverseEmulator;

/// <summary>Starts the emulator on Kestrel bound to 127.0.0.1 (tests, benchmarks, the portal's default).</summary>
public static class DataverseEmulatorHost
{
    public static async Task<RunningDataverseEmulator> StartAsync(DataverseEmulatorOptions options, TimeProvider? clock = null,
        ILoggerProvider? logging = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(DataverseEmulatorOptions.SectionName, typeof(DataverseEmulatorOptions), errors);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DataverseEmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        if (logging is not null) builder.Logging.AddProvider(logging);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        if (clock is not null) builder.Services.AddSingleton(clock);
        builder.Services.AddDataverseEmulator(configure: o => Copy(options, o));
        var app = builder.Build();
        app.MapDataverseEmulator();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var engine = app.Services.GetRequiredService<DataverseEmulatorEngine>();
        return new RunningDataverseEmulator(app, engine, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static void Copy(DataverseEmulatorOptions from, DataverseEmulatorOptions to)
    {
        to.Store = from.Store;
        to.SqlitePath = from.SqlitePath;
        to.SeedDemoData = from.SeedDemoData;
        to.AccessToken = from.AccessToken;
        to.Port = from.Port;
        to.OrganizationId = from.OrganizationId;
        to.BusinessUnitId = from.BusinessUnitId;
        to.IntegrationUserId = from.IntegrationUserId;
        to.PortalUrl = from.PortalUrl;
        to.DefaultMaxPageSize = from.DefaultMaxPageSize;
        to.ChangeTrackingExpiryDays = from.ChangeTrackingExpiryDays;
        to.ProductsStartAsDraft = from.ProductsStartAsDraft;
        to.Throttling = from.Throttling;
        to.Faults = from.Faults;
    }
}

/// <summary>A started emulator: its URLs, and a small admin surface for tests and benchmarks.</summary>
public sealed class RunningDataverseEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DataverseEmulatorEngine _engine;

    internal RunningDataverseEmulator(WebApplication app, DataverseEmulatorEngine engine, Uri environmentUrl)
    {
        _app = app;
        _engine = engine;
        EnvironmentUrl = environmentUrl;
        WebApiUrl = new Uri(environmentUrl, "api/data/v9.2/");
    }

    /// <summary>e.g. http://127.0.0.1:PORT/ (the value a client configures as the environment URL).</summary>
    public Uri EnvironmentUrl { get; }

    /// <summary>EnvironmentUrl + "api/data/v9.2/".</summary>
    public Uri WebApiUrl { get; }

    public DataverseEmulatorOptions Options => _engine.Options;

    /// <summary>Direct access to rows: counts, direct inserts (benchmark floor), reads.</summary>
    public DataverseStore Store => _engine.Store;

    /// <summary>Fault injection, switchable while running.</summary>
    public FaultInjector Faults => _engine.Faults;

    /// <summary>Service protection limits, changeable while running.</summary>
    public ServiceProtectionLimiter ServiceProtection => _engine.Limiter;

    /// <summary>The last 10,000 Web API requests answered (time from the emulator's clock, method, target, status).</summary>
    public IReadOnlyList<EmulatorRequestRecord> Requests => _engine.RequestLog;

    /// <summary>The Sales form URL of a row, e.g. {EnvironmentUrl}main.aspx?etn=account&amp;pagetype=entityrecord&amp;id={id}.</summary>
    public Uri RecordPageUrl(string logicalName, Guid id) => new(EnvironmentUrl, $"main.aspx?etn={logicalName}&pagetype=entityrecord&id={id:D}");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
