using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// Applies the "IntegrationLog:RetentionDays" setting at start-up and then once a day, so the synchronization log
/// (jobs, their errors, record changes and finished queue entries) stays bounded without anyone having to remember it.
/// </summary>
public sealed class IntegrationLogRetentionService(IntegrationLogCleanup cleanup, TimeProvider clock, ILogger<IntegrationLogRetentionService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    /// <summary>Raised after each pass with the number of jobs deleted (tests wait on it).</summary>
    public event Action<int>? Applied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var deleted = 0;
            try
            {
                deleted = await cleanup.ApplyRetentionAsync(stoppingToken);
                if (deleted > 0)
                    logger.LogInformation("Integration log retention deleted {Count} jobs", deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Integration log retention failed; it runs again in {Interval}", Interval);
            }
            // The next pass is scheduled before the pass is announced, so a clock moved on after the announcement counts.
            var next = Task.Delay(Interval, clock, stoppingToken);
            Applied?.Invoke(deleted);
            await next;
        }
    }
}
