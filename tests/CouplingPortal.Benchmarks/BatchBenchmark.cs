using System.Diagnostics;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.Dataverse.Resilience;
using CouplingPortal.DataverseEmulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Benchmarks;

/// <summary>
/// 10,000 accounts through single POSTs versus 10,000 through $batch (chunks of 1,000, parallelism from x-ms-dop-hint),
/// side by side against one in-process emulator on loopback (memory store, throttling off). Target: batch ≤ 1/20.
/// </summary>
public sealed class BatchBenchmark : IBenchmarkSection
{
    public string Name => "batch";

    public string Description => "10,000 account creates: single POSTs vs $batch against the in-process emulator";

    private const double TargetRatio = 20;

    public async Task RunAsync(BenchmarkOptions options, CancellationToken ct)
    {
        var count = options.Quick ? 1_000 : 10_000;
        const string token = "benchmark-token";
        await using var emulator = await DataverseEmulatorHost.StartAsync(
            new DataverseEmulatorOptions { Store = "Memory", AccessToken = token }, ct: ct);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dataverse:EnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri,
            ["Dataverse:StaticAccessToken"] = token,
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddDataverseClient(configuration)
            .BuildServiceProvider();
        var client = services.GetRequiredService<IDataverseClient>();
        var gate = services.GetRequiredService<DataverseThrottleGate>();

        // Warm up connections, JIT and the emulator's first-request costs outside the timings, the same for both paths:
        // a thousand creates each way, so neither timing pays for compiling and tiering up its own code. The batched
        // ones go in 40 batches of 25 so that code run once per batch is also called often enough to be tiered up.
        var whoAmI = await client.WhoAmIAsync(ct);
        var warmUp = Math.Min(count, 1_000);
        for (var i = 0; i < warmUp; i++)
        {
            await client.CreateAsync(DataverseTable.Accounts, Account("warm-s", i), ct: ct);
        }

        var warmUpBatch = await client.ExecuteBatchAsync(
            Enumerable.Range(0, warmUp).Select(i => (BatchItem)BatchOperation.Create(DataverseTable.Accounts, Account("warm-b", i))).ToList(),
            new BatchOptions { MaxOperationsPerBatch = 25 }, ct);
        if (!warmUpBatch.AllSucceeded)
        {
            throw new InvalidOperationException("The warm-up $batch failed: " + warmUpBatch.Failures.First().Error?.Message);
        }

        var singles = await MeasureAsync(gate, async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await client.CreateAsync(DataverseTable.Accounts, Account("single", i), ct: ct);
            }
        });

        BatchResult? batchResult = null;
        var batch = await MeasureAsync(gate, async () =>
        {
            var items = Enumerable.Range(0, count).Select(i => (BatchItem)BatchOperation.Create(DataverseTable.Accounts, Account("batch", i))).ToList();
            batchResult = await client.ExecuteBatchAsync(items, new BatchOptions { MaxOperationsPerBatch = 1000 }, ct);
        });

        var failures = batchResult!.Failures.Count();
        // Direct store count: Dataverse caps /$count at 5000.
        var total = emulator.Store.Count("accounts");
        var ratio = singles.Elapsed.TotalSeconds / batch.Elapsed.TotalSeconds;

        Console.WriteLine($"  emulator {emulator.WebApiUrl}  x-ms-dop-hint {whoAmI.DegreeOfParallelismHint?.ToString() ?? "-"}");
        Console.WriteLine($"  {"",-14} {"records",8} {"seconds",9} {"records/s",10} {"requests",9} {"cpu s",7}");
        Console.WriteLine($"  {"single POSTs",-14} {count,8} {singles.Elapsed.TotalSeconds,9:F2} {count / singles.Elapsed.TotalSeconds,10:F0} {singles.Requests,9} {singles.Cpu.TotalSeconds,7:F2}");
        Console.WriteLine($"  {"$batch",-14} {count,8} {batch.Elapsed.TotalSeconds,9:F2} {count / batch.Elapsed.TotalSeconds,10:F0} {batch.Requests,9} {batch.Cpu.TotalSeconds,7:F2}");
        Console.WriteLine($"  batch is {ratio:F1}x faster (target ≥ {TargetRatio}x: {(ratio >= TargetRatio ? "met" : "MISSED")}); batch failures {failures}; accounts in emulator {total}");
    }

    private static JsonObject Account(string prefix, int i) => new()
    {
        ["name"] = $"Benchmark {prefix} {i:D5}",
        ["accountnumber"] = $"{prefix}-{i:D6}",
        ["customertypecode"] = 3,
        ["telephone1"] = "+49 30 1234",
        ["address1_city"] = "Berlin",
    };

    /// <summary>Wall time, requests sent, and the process's CPU time (client and emulator together) over the work.</summary>
    private static async Task<(TimeSpan Elapsed, long Requests, TimeSpan Cpu)> MeasureAsync(DataverseThrottleGate gate, Func<Task> work)
    {
        var before = gate.RequestsSent;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        await work();
        stopwatch.Stop();
        process.Refresh();
        return (stopwatch.Elapsed, gate.RequestsSent - before, process.TotalProcessorTime - cpuBefore);
    }
}
