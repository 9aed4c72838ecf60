using System.Diagnostics;
using CouplingPortal.Core;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Customers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Benchmarks;

/// <summary>
/// The Customers list at volume: generates customers into a temp SQLite file, then times the queries the list page
/// makes (a page of 50 plus the total count) and shows the process does not load the table.
/// </summary>
public sealed class ListSpeedBenchmark : IBenchmarkSection
{
    public string Name => "list";

    public string Description => "Customers list page, sort and search on a generated SQLite database";

    private const int PageSize = 50;
    private const double TargetMilliseconds = 300;

    /// <summary>Optional: a PostgreSQL server connection string; the section then also runs on a database created there.</summary>
    public const string PostgresVariable = "COUPLINGPORTAL_BENCH_POSTGRES";

    public async Task RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var count = options.Quick ? 5_000 : 100_000;
        var folder = Path.Combine(Path.GetTempPath(), "couplingportal-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await RunOnAsync("SQLite", new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:DataFolder"] = folder }, count, ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.WriteLine($"(Set {PostgresVariable} to a PostgreSQL server connection string to run this on PostgreSQL too.)");
            return;
        }
        var database = "couplingportal_bench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(server, $"CREATE DATABASE {database}", ct);
        try
        {
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await RunOnAsync("PostgreSQL", new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connectionString }, count, ct);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task RunOnAsync(string label, Dictionary<string, string?> settings, int count, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddCouplingCore(configuration)
            .BuildServiceProvider();

        await services.InitializeDatabaseAsync(ct);
        var generate = Stopwatch.StartNew();
        await services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(count, ct: ct);
        Console.WriteLine($"[{label}] Generated {count:N0} customers in {generate.Elapsed.TotalSeconds:N1} s");

        var customers = services.GetRequiredService<CustomerService>();
        // The first query of a process pays for EF's model and query compilation; the list page pays it once per app.
        var warmup = Stopwatch.StartNew();
        await customers.ListAsync(new ListRequest(0, PageSize), ct);
        Console.WriteLine($"[{label}] Warm-up (model build, first query compilation): {warmup.Elapsed.TotalMilliseconds:N0} ms");

        var before = WorkingSetMegabytes();
        var results = new List<(string Name, double Ms, int Total, int Rows)>();
        foreach (var (name, request) in Cases())
        {
            // Median of three runs; each run is a separate operation with its own context, as a page request is.
            var timings = new List<double>();
            ListPage<Customer>? page = null;
            for (var run = 0; run < 3; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                page = await customers.ListAsync(request, ct);
                timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
            timings.Sort();
            results.Add((name, timings[1], page!.TotalCount, page.Items.Count));
        }
        var after = WorkingSetMegabytes();

        Console.WriteLine($"[{label}] {"Query (page of 50 + total count)",-40} {"ms, median of 3",16} {"total count",12} {"rows",5}  target < {TargetMilliseconds} ms");
        foreach (var (name, ms, total, rows) in results)
            Console.WriteLine($"[{label}] {name,-40} {ms,16:N1} {total,12:N0} {rows,5}  {(ms < TargetMilliseconds ? "ok" : "SLOW")}");
        Console.WriteLine($"[{label}] Working set: {before:N0} MB before the list queries, {after:N0} MB after ({after - before:+#,0;-#,0;0} MB)");
    }

    private static IEnumerable<(string Name, ListRequest Request)> Cases() =>
    [
        ("First page (sort by No.)", new ListRequest(0, PageSize)),
        ("Sort by Name", new ListRequest(0, PageSize, SortBy: nameof(Customer.Name))),
        ("Sort by City descending", new ListRequest(0, PageSize, SortBy: nameof(Customer.City), Descending: true)),
        ("Search \"ski\"", new ListRequest(0, PageSize, Search: "ski")),
        ("Page 1000 (sort by No.)", new ListRequest(1000, PageSize)),
        ("Filter Blocked = All", new ListRequest(0, PageSize, Filters: new Dictionary<string, string?> { ["Blocked"] = "All" })),
    ];

    private static double WorkingSetMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }
}
