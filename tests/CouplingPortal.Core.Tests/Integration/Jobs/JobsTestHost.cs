using System.Collections.Concurrent;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Tests.Integration.Jobs;

/// <summary>
/// One portal instance for queue tests: Core services (as the web app registers them, plus the scheduler) on a fresh
/// database of the fixture's provider with the demo data and the default mappings, the Dataverse connection enabled
/// or not, and <see cref="TestEngines"/> standing in for the engines other parts of the portal implement.
/// <see cref="JoinAsync"/> makes a second instance on the same database.
/// </summary>
internal sealed class JobsTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private bool _started;

    private JobsTestHost(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock, ServiceProvider services)
    {
        _settings = settings;
        _clock = clock;
        Services = services;
        Events = new JobEventLog(services.GetRequiredService<IIntegrationJobEvents>());
    }

    public ServiceProvider Services { get; }

    /// <summary>Every queue event this instance published since it was built.</summary>
    public JobEventLog Events { get; }

    public TestEngines Engines => Services.GetRequiredService<TestEngines>();

    public IntegrationJobQueue Queue => Services.GetRequiredService<IntegrationJobQueue>();

    public IntegrationJobScheduler Scheduler => Services.GetRequiredService<IntegrationJobScheduler>();

    public PortalDbContext Db() => Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="engines">Which test engines to register (all by default); a kind left out has no engine.</param>
    public static async Task<JobsTestHost> StartAsync(DatabaseFixture database, TimeProvider? clock = null, bool connectionEnabled = true,
        IDictionary<string, string?>? settings = null, EngineKinds engines = EngineKinds.All)
    {
        var all = new Dictionary<string, string?>(await database.CreateScratchDatabaseAsync())
        {
            ["Integration:Scheduler:Workers"] = "2",
            ["Integration:Scheduler:LeaseSeconds"] = "30",
            // On a fake clock the scheduler then wakes exactly when an entry is due (the poll would cap its waits).
            ["Integration:Scheduler:PollSeconds"] = clock is null ? "1" : "3600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var host = new JobsTestHost(all, clock, Build(all, clock, engines));
        await host.Services.InitializeDatabaseAsync(Ct);
        await host.Services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, DataverseConnectionSetup.DefaultCompanyId, Ct);
        await host.SetConnectionEnabledAsync(connectionEnabled);
        return host;
    }

    /// <summary>A second portal instance on the same database (its own scheduler, events and test engines).</summary>
    public Task<JobsTestHost> JoinAsync(EngineKinds engines = EngineKinds.All)
    {
        var other = new JobsTestHost(_settings, _clock, Build(_settings, _clock, engines));
        other.Services.GetRequiredService<DataverseConnectionState>().Set(true);
        return Task.FromResult(other);
    }

    public async Task SetConnectionEnabledAsync(bool enabled)
    {
        await using (var db = Db())
        {
            var setup = await db.DataverseConnectionSetup.SingleOrDefaultAsync(Ct);
            if (setup is null)
                db.DataverseConnectionSetup.Add(setup = new DataverseConnectionSetup());
            setup.IsEnabled = enabled;
            await db.SaveChangesAsync(Ct);
        }
        Services.GetRequiredService<DataverseConnectionState>().Set(enabled);
    }

    public async Task StartSchedulerAsync()
    {
        _started = true;
        await Scheduler.StartAsync(Ct);
    }

    /// <summary>Completes when the scheduler waits (already, or from now on) with a planned wake-up that satisfies <paramref name="until"/>.</summary>
    public Task<DateTimeOffset> SchedulerWaits(Func<DateTimeOffset, bool> until)
    {
        var waiting = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<DateTimeOffset>? handler = null;
        handler = at =>
        {
            if (until(at) && waiting.TrySetResult(at))
                Scheduler.Waiting -= handler;
        };
        Scheduler.Waiting += handler;
        if (Scheduler.WaitingUntil is { } already)
            handler(already);
        return waiting.Task.WaitAsync(Patience, Ct);
    }

    public async Task<IntegrationJobRequest> EntryAsync(Guid id)
    {
        await using var db = Db();
        return await db.IntegrationJobRequests.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }

    public async Task<List<IntegrationJobRequest>> EntriesAsync()
    {
        await using var db = Db();
        return await db.IntegrationJobRequests.AsNoTracking().ToListAsync(Ct);
    }

    public Task<IntegrationJobRequest> EnqueueUncouplingAsync(string mappingName = DefaultMappings.Customer, string requestedBy = "tester") =>
        Queue.EnqueueAsync(IntegrationJobKind.Uncoupling, mappingName, new UncoupleRequest { MappingName = mappingName, MappingNames = [mappingName] }, requestedBy, Ct);

    /// <summary>Waits, without sleeping, until <paramref name="condition"/> holds (it reads state another task writes).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Patience);
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
                Assert.Fail("Timed out waiting until " + what);
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
            await Scheduler.StopAsync(CancellationToken.None);
        Events.Dispose();
        await Services.DisposeAsync();
    }

    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock, EngineKinds engines)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration);
        if (clock is not null)
            services.AddSingleton(clock);
        services.AddCouplingCore(configuration).AddIntegrationScheduler();
        services.AddSingleton<TestEngines>();
        if (engines.HasFlag(EngineKinds.Synchronization))
            services.AddSingleton<ISynchronizationEngine>(sp => sp.GetRequiredService<TestEngines>());
        if (engines.HasFlag(EngineKinds.Matching))
            services.AddSingleton<IMatchBasedCoupling>(sp => sp.GetRequiredService<TestEngines>());
        if (engines.HasFlag(EngineKinds.Uncoupling))
            services.AddSingleton<IUncouplingEngine>(sp => sp.GetRequiredService<TestEngines>());
        return services.BuildServiceProvider(validateScopes: true);
    }
}

[Flags]
internal enum EngineKinds
{
    None = 0,
    Synchronization = 1,
    Matching = 2,
    Uncoupling = 4,
    All = Synchronization | Matching | Uncoupling,
}

/// <summary>
/// Test doubles of the engines (contracts implemented elsewhere): they record the requests they get and do what the
/// test scripts. The synchronization double writes one job per run with the scripted number of modified records.
/// </summary>
internal sealed class TestEngines(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
    : ISynchronizationEngine, IMatchBasedCoupling, IUncouplingEngine
{
    public ConcurrentQueue<SyncRequest> SyncRequests { get; } = new();
    public ConcurrentQueue<MatchRequest> MatchRequests { get; } = new();
    public ConcurrentQueue<UncoupleRequest> UncoupleRequests { get; } = new();

    /// <summary>How many records a synchronization run of a mapping modifies.</summary>
    public Func<SyncRequest, int> SyncChanges { get; set; } = _ => 0;

    public Func<MatchRequest, IReadOnlyList<MatchLine>> MatchLines { get; set; } = _ => [];

    /// <summary>What an uncoupling run does (the generic scripted job of the queue tests).</summary>
    public Func<UncoupleRequest, IProgress<JobProgress>, CancellationToken, Task> Uncouple { get; set; } = (_, _, _) => Task.CompletedTask;

    public async Task<SyncRunResult> RunAsync(SyncRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        SyncRequests.Enqueue(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new IntegrationSynchJob
        {
            Id = Guid.NewGuid(),
            Type = IntegrationJobType.Synchronization,
            MappingName = request.MappingName,
            Direction = request.Direction ?? SyncDirection.ToIntegrationTable,
            Status = IntegrationJobStatus.Finished,
            Modified = SyncChanges(request),
            QueuedAt = now,
            StartedAt = now,
            FinishedAt = now,
            RequestedBy = request.RequestedBy,
            RequestId = request.RequestId,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IntegrationSynchJobs.Add(job);
        await db.SaveChangesAsync(ct);
        return new SyncRunResult([job], []);
    }

    public Task<RecordSyncInspection> InspectAsync(string mappingName, Guid localSystemId, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<MatchResult> RunAsync(MatchRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        MatchRequests.Enqueue(request);
        var job = new IntegrationSynchJob { Id = Guid.NewGuid(), Type = IntegrationJobType.Coupling, MappingName = request.MappingName, Status = IntegrationJobStatus.Finished, RequestId = request.RequestId };
        return Task.FromResult(new MatchResult(job, MatchLines(request), 1));
    }

    public async Task<IReadOnlyList<IntegrationSynchJob>> RunAsync(UncoupleRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        UncoupleRequests.Enqueue(request);
        await Uncouple(request, progress ?? new Progress<JobProgress>(), ct);
        return [];
    }
}

/// <summary>Records a host's queue events and lets a test wait for one (already published or still to come).</summary>
internal sealed class JobEventLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IntegrationJobEvent> _events = [];
    private readonly List<(Func<IntegrationJobEvent, bool> Match, TaskCompletionSource<IntegrationJobEvent> Done)> _waiters = [];
    private readonly IDisposable _subscription;

    public JobEventLog(IIntegrationJobEvents events) => _subscription = events.Subscribe(Add);

    public IReadOnlyList<IntegrationJobEvent> All
    {
        get
        {
            lock (_gate)
                return [.. _events];
        }
    }

    public Task<IntegrationJobEvent> WaitForAsync(Func<IntegrationJobEvent, bool> match)
    {
        lock (_gate)
        {
            if (_events.FirstOrDefault(match) is { } seen)
                return Task.FromResult(seen);
            var done = new TaskCompletionSource<IntegrationJobEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(JobsTestHost.Patience, TestContext.Current.CancellationToken);
        }
    }

    public Task<IntegrationJobEvent> WaitForAsync(Guid requestId, IntegrationJobRequestStatus status) =>
        WaitForAsync(e => e.RequestId == requestId && e.Status == status);

    private void Add(IntegrationJobEvent e)
    {
        List<TaskCompletionSource<IntegrationJobEvent>> done = [];
        lock (_gate)
        {
            _events.Add(e);
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }
        foreach (var d in done)
            d.TrySetResult(e);
    }

    public void Dispose() => _subscription.Dispose();
}
