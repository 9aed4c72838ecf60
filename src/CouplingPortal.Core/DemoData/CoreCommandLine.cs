using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Core.DemoData;

/// <summary>Command-line actions of the portal that run instead of the web host.</summary>
public static class CoreCommandLine
{
    public const string GenerateCustomersOption = "--generate-customers";

    /// <summary>
    /// Handles <c>--generate-customers &lt;count&gt;</c>: migrates the database, then inserts that many generated
    /// customers. Returns false when the arguments hold no command for Core (the host then starts as usual).
    /// </summary>
    public static async Task<bool> RunCommandLineAsync(this IServiceProvider services, string[] args, TextWriter? output = null,
        CancellationToken ct = default)
    {
        output ??= Console.Out;
        var index = Array.FindIndex(args, a => string.Equals(a, GenerateCustomersOption, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            return false;

        if (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            throw new ArgumentException($"{GenerateCustomersOption} needs a positive number of customers, e.g. {GenerateCustomersOption} 100000.");

        await services.InitializeDatabaseAsync(ct);
        var stopwatch = Stopwatch.StartNew();
        var progress = new ConsoleProgress(done =>
        {
            if (done % 20_000 == 0 || done == count)
                output.WriteLine($"  {done:N0} / {count:N0}");
        });
        var inserted = await services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(count, progress, ct);
        output.WriteLine($"Generated {inserted:N0} customers in {stopwatch.Elapsed.TotalSeconds:N1} s.");
        return true;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post, and lines could come after the summary).</summary>
    private sealed class ConsoleProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
