using System.Diagnostics;
using System.Text.Json.Nodes;
using CouplingPortal.Core;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.Dataverse.Resilience;
using CouplingPortal.DataverseEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Benchmarks;

/// <summary>
/// Issue 4 item 9 (a) and (b): (a) the initial synchronization of N generated customers into an empty emulator in
/// Batch mode and in PerRecord mode (BC's one request and one saved coupling per record), with records/s, their ratio,
/// HTTP requests per record and the floor (the same rows inserted straight into the emulator's store); (b) a scheduled
/// run that finds 100 changed customers in a 1,000-row and in an N-row coupled table, and the ratio of the two times.
/// </summary>
public sealed class SyncBenchmark : IBenchmarkSection
{
    public string Name => "sync";

    public string Description => "Synchronization engine: initial sync batch vs per-record, and 100 changes in 1k vs 100k coupled rows";

    private const double TargetBatchRatio = 50;
    private const double TargetRequestsPerRecord = 0.002;
    private const double TargetDeltaRatio = 1.5;
    private const int Changed = 100;
    private const int SmallTable = 1_000;
    private const string Token = "benchmark-token";

    public async Task RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var count = options.Quick ? 2_000 : 100_000;
        // BC's way costs a round trip and a save per record: measured on a slice, compared per record.
        var perRecordCount = options.Quick ? 300 : 3_000;

        var folder = Path.Combine(Path.GetTempPath(), "couplingportal-syncbench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunOnAsync("SQLite", () => Task.FromResult<(Dictionary<string, string?>, Func<Task>)>(
                (new() { ["Database:Provider"] = "Sqlite", ["Database:DataFolder"] = Path.Combine(folder, Guid.NewGuid().ToString("N")[..8]) }, () => Task.CompletedTask)),
                count, perRecordCount, ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }

        var server = Environment.GetEnvironmentVariable(ListSpeedBenchmark.PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.WriteLine($"(Set {ListSpeedBenchmark.PostgresVariable} to a PostgreSQL server connection string to run this on PostgreSQL too.)");
            return;
        }
        await RunOnAsync("PostgreSQL", async () =>
        {
            var database = "couplingportal_syncbench_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(server, $"CREATE DATABASE {database}", ct);
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            return (new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString },
                async () =>
                {
                    Npgsql.NpgsqlConnection.ClearAllPools();
                    await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
                });
        }, count, perRecordCount, ct);
    }

    private static async Task RunOnAsync(string label, Func<Task<(Dictionary<string, string?> Settings, Func<Task> Drop)>> newDatabase,
        int count, int perRecordCount, CancellationToken ct)
    {
        // JIT, EF's model and query compilation, the emulator's first requests: paid once, outside the timings.
        await MeasureAsync(newDatabase, SyncWriteMode.Batch, 200, 0, ct);
        await MeasureAsync(newDatabase, SyncWriteMode.PerRecord, 50, 0, ct);

        // (a) initial synchronization, batch mode, on loopback (no network latency at all).
        await using var batch = await SyncEnvironment.StartAsync(newDatabase, SyncWriteMode.Batch, 0, ct);
        await batch.GenerateAsync(count, ct);
        var batchRun = await batch.InitialSyncAsync(ct);
        var perRecordRun = await MeasureAsync(newDatabase, SyncWriteMode.PerRecord, perRecordCount, 0, ct);
        var floor = await FloorAsync(batch, ct);

        Console.WriteLine($"[{label}] (a) initial synchronization of customers into an empty emulator (direction To, create new)");
        Console.WriteLine($"[{label}]     {"mode",-44} {"records",9} {"seconds",9} {"records/s",10} {"requests",9} {"req/record",11}");
        Line(label, "Batch ($batch of 1,000), loopback", batchRun);
        Line(label, "PerRecord (BC: request + save each), loopback", perRecordRun);
        Console.WriteLine($"[{label}]     {"floor (rows straight into the store)",-44} {batchRun.Inserted,9:N0} {floor,9:F2} {batchRun.Inserted / floor,10:N0}");
        var requestsPerRecord = (double)batchRun.Requests / batchRun.Inserted;
        var loopbackRatio = Rate(batchRun) / Rate(perRecordRun);
        Console.WriteLine($"[{label}]     loopback: batch/per-record {loopbackRatio:F1}x (target ≥ {TargetBatchRatio}x: {Met(loopbackRatio >= TargetBatchRatio)}); " +
            $"requests per record {requestsPerRecord:F4} (target ≤ {TargetRequestsPerRecord}: {Met(requestsPerRecord <= TargetRequestsPerRecord)}); batch at {floor / batchRun.Seconds:P0} of the floor's speed");

        // The same with a modelled network round trip (the emulator's Faults:LatencyMs on every HTTP request; a real
        // Dataverse round trip is 50-200 ms; 50 ms is the optimistic end): what a per-request design pays against a real environment.
        var latencyBatch = await MeasureAsync(newDatabase, SyncWriteMode.Batch, Math.Min(count, 20_000), LatencyMs, ct);
        var latencyPerRecord = await MeasureAsync(newDatabase, SyncWriteMode.PerRecord, perRecordCount / 6, LatencyMs, ct);
        Line(label, $"Batch, {LatencyMs} ms per HTTP request", latencyBatch);
        Line(label, $"PerRecord, {LatencyMs} ms per HTTP request", latencyPerRecord);
        var latencyRatio = Rate(latencyBatch) / Rate(latencyPerRecord);
        Console.WriteLine($"[{label}]     with {LatencyMs} ms round trips: batch/per-record {latencyRatio:F1}x (target ≥ {TargetBatchRatio}x: {Met(latencyRatio >= TargetBatchRatio)})");

        // (b) 100 changed records in the big coupled table (the batch environment) and in a 1,000-row one: the scheduled
        // run of the direction that has the changes (To), then a whole scheduled run (To, then From) for information.
        var big = await batch.ChangedRunAsync(Changed, SyncDirection.ToIntegrationTable, 0, ct);
        var bigBoth = await batch.ChangedRunAsync(Changed, null, 1, ct);
        double small, smallBoth;
        await using (var smallEnvironment = await SyncEnvironment.StartAsync(newDatabase, SyncWriteMode.Batch, 0, ct))
        {
            await smallEnvironment.GenerateAsync(SmallTable, ct);
            await smallEnvironment.InitialSyncAsync(ct);
            small = await smallEnvironment.ChangedRunAsync(Changed, SyncDirection.ToIntegrationTable, 0, ct);
            smallBoth = await smallEnvironment.ChangedRunAsync(Changed, null, 1, ct);
        }
        var deltaRatio = big / small;
        Console.WriteLine($"[{label}] (b) a scheduled run finding {Changed} changed customers");
        Console.WriteLine($"[{label}]     To (the changed side): {SmallTable,7:N0}-row table {small * 1000,8:N0} ms; {batchRun.Inserted,7:N0}-row table {big * 1000,8:N0} ms; " +
            $"ratio {deltaRatio:F2} (target ≤ {TargetDeltaRatio}: {Met(deltaRatio <= TargetDeltaRatio)})");
        Console.WriteLine($"[{label}]     To then From (information): {smallBoth * 1000,8:N0} ms vs {bigBoth * 1000,8:N0} ms, ratio {bigBoth / smallBoth:F2} " +
            "(the emulator answers the From pass's modifiedon filter by scanning the table; Dataverse indexes it)");
    }

    private const int LatencyMs = 50;

    private static string Met(bool met) => met ? "met" : "MISSED";

    private static double Rate((double Seconds, long Requests, int Inserted) run) => run.Inserted / run.Seconds;

    private static void Line(string label, string mode, (double Seconds, long Requests, int Inserted) run) =>
        Console.WriteLine($"[{label}]     {mode,-44} {run.Inserted,9:N0} {run.Seconds,9:F2} {Rate(run),10:N0} {run.Requests,9:N0} {(double)run.Requests / run.Inserted,11:F4}");

    private static async Task<(double Seconds, long Requests, int Inserted)> MeasureAsync(
        Func<Task<(Dictionary<string, string?> Settings, Func<Task> Drop)>> newDatabase, SyncWriteMode mode, int count, int latencyMs, CancellationToken ct)
    {
        await using var environment = await SyncEnvironment.StartAsync(newDatabase, mode, latencyMs, ct);
        await environment.GenerateAsync(count, ct);
        return await environment.InitialSyncAsync(ct);
    }

    /// <summary>The same customers' rows inserted straight into a fresh emulator's store, without HTTP or the engine.</summary>
    private static async Task<double> FloorAsync(SyncEnvironment source, CancellationToken ct)
    {
        await using var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token }, ct: ct);
        await using var db = source.Db();
        var rows = await db.Customers.AsNoTracking().Select(c => new { c.Name, c.Address, c.City, c.PostCode, c.CountryRegionCode, c.Contact, c.PhoneNo, c.Email, c.HomePage, c.CreditLimitLcy })
            .ToListAsync(ct);
        var json = rows.Select(c => new JsonObject
        {
            ["accountid"] = Guid.NewGuid(), ["name"] = c.Name, ["address1_line1"] = c.Address, ["address1_city"] = c.City, ["address1_postalcode"] = c.PostCode,
            ["address1_country"] = c.CountryRegionCode, ["address1_primarycontactname"] = c.Contact, ["telephone1"] = c.PhoneNo,
            ["emailaddress1"] = c.Email, ["websiteurl"] = c.HomePage, ["creditlimit"] = c.CreditLimitLcy, ["customertypecode"] = 3,
        }).ToList();
        var stopwatch = Stopwatch.StartNew();
        await emulator.Store.InsertDirectAsync("accounts", json, ct);
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A portal database (demo company without its customers), an in-process emulator and the engine in one write mode.</summary>
    private sealed class SyncEnvironment : IAsyncDisposable
    {
        private readonly RunningDataverseEmulator _emulator;
        private readonly ServiceProvider _services;
        private readonly Func<Task> _drop;

        private SyncEnvironment(RunningDataverseEmulator emulator, ServiceProvider services, Func<Task> drop)
        {
            _emulator = emulator;
            _services = services;
            _drop = drop;
        }

        public PortalDbContext Db() => _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

        public static async Task<SyncEnvironment> StartAsync(Func<Task<(Dictionary<string, string?> Settings, Func<Task> Drop)>> newDatabase, SyncWriteMode mode, int latencyMs, CancellationToken ct)
        {
            var (settings, drop) = await newDatabase();
            var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token }, ct: ct);
            emulator.Faults.LatencyMs = latencyMs;
            settings["Dataverse:EnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri;
            settings["Dataverse:StaticAccessToken"] = Token;
            settings["Integration:Synchronization:WriteMode"] = mode.ToString();
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter(typeof(SynchronizationEngine).FullName, LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true))
                .AddSingleton<IConfiguration>(configuration)
                .AddCouplingCore(configuration)
                .AddDataverseConnection(configuration)
                .BuildServiceProvider();
            await services.InitializeDatabaseAsync(ct);
            await services.GetRequiredService<DataverseConnectionService>().UseEmbeddedEmulatorAsync(emulator.EnvironmentUrl, ct);
            await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, DataverseConnectionSetup.DefaultCompanyId, ct);
            var client = services.GetRequiredService<IDataverseClient>();
            if (await client.RetrieveAsync(DataverseTable.Companies, DataverseConnectionSetup.DefaultCompanyId, ct: ct) is null)
                await client.CreateAsync(DataverseTable.Companies, new JsonObject { ["bcbi_name"] = "CRONUS" }, DataverseConnectionSetup.DefaultCompanyId, ct);
            return new SyncEnvironment(emulator, services, drop);
        }

        /// <summary>
        /// Generated customers only (the CRONUS demo customers are removed). Salesperson and payment terms codes are
        /// cleared: SALESPEOPLE and PAYMENT TERMS are not coupled here, and this measures the customers, not the lookups.
        /// </summary>
        public async Task GenerateAsync(int count, CancellationToken ct)
        {
            await using (var db = Db())
                await db.Customers.ExecuteDeleteAsync(ct);
            await _services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(count, ct: ct);
            await using (var db = Db())
                await db.Customers.ExecuteUpdateAsync(s => s.SetProperty(c => c.SalespersonCode, "").SetProperty(c => c.PaymentTermsCode, ""), ct);
        }

        public async Task<(double Seconds, long Requests, int Inserted)> InitialSyncAsync(CancellationToken ct)
        {
            var gate = _services.GetRequiredService<DataverseThrottleGate>();
            var engine = _services.GetRequiredService<ISynchronizationEngine>();
            var before = gate.RequestsSent;
            var stopwatch = Stopwatch.StartNew();
            var result = await engine.RunAsync(new SyncRequest
            {
                MappingName = DefaultMappings.Customer, Direction = SyncDirection.ToIntegrationTable, SynchOnlyCoupledRecords = false, RequestedBy = "benchmark",
            }, ct: ct);
            stopwatch.Stop();
            var job = result.Jobs[0];
            if (job.Failed > 0)
                Console.WriteLine($"    ({job.Failed} records failed: {job.Message})");
            return (stopwatch.Elapsed.TotalSeconds, gate.RequestsSent - before, job.Inserted);
        }

        /// <summary>Changes <paramref name="changed"/> coupled customers locally, then times the mapping's scheduled run (To, then From).</summary>
        public async Task<double> ChangedRunAsync(int changed, SyncDirection? direction, int round, CancellationToken ct)
        {
            await using (var db = Db())
            {
                var customers = await db.Customers.OrderBy(c => c.No).Where(c => c.Blocked == Core.MasterData.Customers.CustomerBlocked.None)
                    .Skip(round * changed).Take(changed).ToListAsync(ct);
                foreach (var customer in customers)
                    customer.City = "Changed " + customer.City;
                await db.SaveChangesAsync(ct);
            }
            var engine = _services.GetRequiredService<ISynchronizationEngine>();
            var stopwatch = Stopwatch.StartNew();
            var result = await engine.RunAsync(new SyncRequest { MappingName = DefaultMappings.Customer, Direction = direction, RequestedBy = "benchmark" }, ct: ct);
            stopwatch.Stop();
            if (result.Jobs[0].Modified != changed)
                Console.WriteLine($"    (expected {changed} modified, the run modified {result.Jobs[0].Modified}: {result.Jobs[0].Message})");
            return stopwatch.Elapsed.TotalSeconds;
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await _emulator.DisposeAsync();
            await _drop();
        }
    }
}
