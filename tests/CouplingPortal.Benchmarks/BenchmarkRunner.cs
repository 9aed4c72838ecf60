using System.Reflection;

namespace CouplingPortal.Benchmarks;

/// <summary>One benchmark section, selected on the command line by <c>--{Name}</c>. Add a section by adding a class.</summary>
public interface IBenchmarkSection
{
    /// <summary>The flag without dashes, e.g. "list".</summary>
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchmarkOptions options, CancellationToken ct);
}

/// <param name="Quick">--quick: small volumes, for a smoke run.</param>
public sealed record BenchmarkOptions(bool Quick, IReadOnlyList<string> Args);

/// <summary>
/// Runs the sections named on the command line (<c>--list --quick</c>), or all of them when none is named. Sections are
/// found by reflection so each lives in its own file and nobody edits a shared list.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sections = typeof(BenchmarkRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkSection).IsAssignableFrom(t))
            .Select(t => (IBenchmarkSection)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("CouplingPortal benchmarks. Options: --quick (small volumes), and one or more sections:");
            foreach (var section in sections)
                Console.WriteLine($"  --{section.Name,-20} {section.Description}");
            return 0;
        }

        var options = new BenchmarkOptions(args.Contains("--quick"), args);
        var chosen = sections.Where(s => args.Contains("--" + s.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
            chosen = sections;

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        foreach (var section in chosen)
        {
            Console.WriteLine($"== {section.Name}: {section.Description}{(options.Quick ? " (quick)" : "")}");
            await section.RunAsync(options, cancellation.Token);
            Console.WriteLine();
        }
        return 0;
    }
}
