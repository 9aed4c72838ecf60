using System.Diagnostics;
using System.Text.Json.Nodes;
using CouplingPortal.Core;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.DataverseEmulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Benchmarks;

/// <summary>
/// Match-based coupling at volume (issue 4 item 9 (c)): N generated customers against about N accounts inserted straight
/// into the in-process emulator's store (most with the same name and e-mail, some differing in case, some only on one
/// side, some duplicated), matched on Name (priority 0) then E-Mail (priority 1) over loopback HTTP. Target for
/// 100,000 × 100,000: at most 10 s and 25 Dataverse requests.
/// </summary>
public sealed class MatchBenchmark : IBenchmarkSection
{
    public string Name => "match";

    public string Description => "Match-based coupling N customers × N accounts (10k and 100k; --quick 2k) against the in-process emulator";

    private const double TargetSeconds = 10;
    private const int TargetRequests = 25;
    private const int TargetVolume = 100_000;

    public async Task RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        int[] volumes = options.Quick ? [2_000] : [10_000, 100_000];
        foreach (var volume in volumes)
        {
            var folder = Path.Combine(Path.GetTempPath(), "couplingportal-bench-" + Guid.NewGuid().ToString("N"));
            try
            {
                await RunOnAsync("SQLite", new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:DataFolder"] = folder }, volume, ct);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }

            var server = Environment.GetEnvironmentVariable(ListSpeedBenchmark.PostgresVariable);
            if (string.IsNullOrWhiteSpace(server))
                continue;
            var database = "couplingportal_bench_" + Guid.NewGuid().ToString("N")[..8];
            await ExecuteAsync(server, $"CREATE DATABASE {database}", ct);
            try
            {
                var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
                await RunOnAsync("PostgreSQL", new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString }, volume, ct);
            }
            finally
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task RunOnAsync(string label, Dictionary<string, string?> settings, int volume, CancellationToken ct)
    {
        const string token = "benchmark-token";
        await using var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", AccessToken = token }, ct: ct);
        settings["Dataverse:EnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri;
        settings["Dataverse:StaticAccessToken"] = token;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddCouplingCore(configuration)
            .AddDataverseConnection(configuration)
            .BuildServiceProvider();
        await services.InitializeDatabaseAsync(ct);
        await services.GetRequiredService<DataverseConnectionService>().UseEmbeddedEmulatorAsync(emulator.EnvironmentUrl, ct);
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, DataverseConnectionSetup.DefaultCompanyId, ct);

        var prepare = Stopwatch.StartNew();
        await services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(volume, ct: ct);
        var accounts = await AccountsAsync(services, emulator, ct);
        Console.WriteLine($"[{label} {volume:N0}] Generated {volume:N0} customers and inserted {accounts:N0} accounts into the emulator's store in {prepare.Elapsed.TotalSeconds:N1} s");

        var engine = services.GetRequiredService<IMatchBasedCoupling>();
        var request = new MatchRequest
        {
            MappingName = DefaultMappings.Customer,
            Criteria = [new(nameof(Customer.Name), "name", CaseSensitive: false, Priority: 0), new(nameof(Customer.Email), "emailaddress1", CaseSensitive: false, Priority: 1)],
            CreateNewIfNoMatch = false,
        };
        // The first run of a process pays for JIT, EF's model and query compilation: warm up with a preview on a tiny selection.
        await using (var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext())
        {
            var few = await db.Customers.AsNoTracking().OrderBy(c => c.No).Select(c => c.SystemId).Take(5).ToListAsync(ct);
            await engine.RunAsync(request with { LocalSystemIds = few, DryRun = true }, ct: ct);
        }

        var before = emulator.Requests.Count;
        var stages = new StageTimer();
        var stopwatch = Stopwatch.StartNew();
        var result = await engine.RunAsync(request, stages, ct);
        stopwatch.Stop();
        var seen = emulator.Requests.Count - before;
        using var process = Process.GetCurrentProcess();
        process.Refresh();

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var unmatched = result.Lines.Count(l => l.Outcome is MatchOutcome.NoMatch or MatchOutcome.MultipleMatches or MatchOutcome.MatchAlreadyCoupled or MatchOutcome.NoMatchValues);
        Console.WriteLine($"[{label} {volume:N0}] {"records",9} {"rows",9} {"seconds",8} {"requests",9} {"coupled",9} {"unmatched",10} {"peak MB",8}");
        Console.WriteLine($"[{label} {volume:N0}] {result.Lines.Count,9:N0} {accounts,9:N0} {seconds,8:F2} {result.DataverseRequests,9} {result.Job.Coupled,9:N0} {unmatched,10:N0} {process.PeakWorkingSet64 / 1024.0 / 1024.0,8:N0}");
        Console.WriteLine($"[{label} {volume:N0}] stages: {stages}; emulator saw {seen} requests");
        var scaledSeconds = TargetSeconds * volume / TargetVolume;
        var met = seconds <= (volume >= TargetVolume ? TargetSeconds : Math.Max(scaledSeconds, 1)) && result.DataverseRequests <= TargetRequests;
        Console.WriteLine(volume >= TargetVolume
            ? $"[{label} {volume:N0}] target ≤ {TargetSeconds} s and ≤ {TargetRequests} Dataverse requests: {(met ? "met" : "MISSED")}"
            : $"[{label} {volume:N0}] pro-rata target ≤ {Math.Max(scaledSeconds, 1):N1} s and ≤ {TargetRequests} requests: {(met ? "met" : "MISSED")}");
    }

    /// <summary>
    /// Accounts for the generated customers, straight into the store: 80 % equal, 10 % name in upper case, 5 % only local
    /// (replaced by a Dataverse-only row), 5 % duplicated (two equal rows: refused in both groups).
    /// </summary>
    private static async Task<int> AccountsAsync(ServiceProvider services, RunningDataverseEmulator emulator, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        var customers = await db.Customers.AsNoTracking().Where(c => c.No.StartsWith(DemoDataGenerator.CustomerNoPrefix))
            .OrderBy(c => c.No).Select(c => new { c.Name, c.Email }).ToListAsync(ct);
        var rows = new List<JsonObject>(customers.Count + customers.Count / 20);
        JsonObject Account(string name, string? email) => new()
        {
            ["name"] = name, ["emailaddress1"] = email, ["customertypecode"] = 3, ["statecode"] = 0, ["address1_city"] = "Benchmark",
        };
        for (var i = 0; i < customers.Count; i++)
        {
            var (name, email) = (customers[i].Name, customers[i].Email);
            switch (i % 20)
            {
                case < 16: rows.Add(Account(name, email)); break;
                case < 18: rows.Add(Account(name.ToUpperInvariant(), email.ToUpperInvariant())); break;
                case 18: rows.Add(Account($"Dataverse Only {i}", $"only{i}@dataverse.example")); break;
                default: rows.Add(Account(name, email)); rows.Add(Account(name, email)); break;
            }
        }
        foreach (var chunk in rows.Chunk(10_000))
            await emulator.Store.InsertDirectAsync("accounts", chunk, ct);
        return rows.Count;
    }

    /// <summary>Records when each stage of the run starts (progress is reported synchronously by the engine).</summary>
    private sealed class StageTimer : IProgress<JobProgress>
    {
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private readonly List<(string Stage, TimeSpan At)> _stages = [];

        public void Report(JobProgress value)
        {
            if (value.Stage is { } stage && (_stages.Count == 0 || _stages[^1].Stage != stage))
                _stages.Add((stage, _stopwatch.Elapsed));
        }

        public override string ToString()
        {
            var end = _stopwatch.Elapsed;
            return string.Join(", ", _stages.Select((s, i) => $"{s.Stage} {((i + 1 < _stages.Count ? _stages[i + 1].At : end) - s.At).TotalSeconds:F2} s"));
        }
    }
}
