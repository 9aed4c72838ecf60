using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// The progress a running job's handler reports: published on this instance every time, written to the entry (for
/// other instances' pages) at most once per <see cref="WriteInterval"/>, one write at a time.
/// </summary>
internal sealed class JobProgressReporter(IntegrationJobRequest entry, JobLease lease, IntegrationJobEvents events, TimeProvider clock, ILogger logger)
    : IProgress<JobProgress>
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private JobProgress _latest = new(0, null);
    private DateTimeOffset _lastWrite = clock.GetUtcNow();
    private bool _writing;
    private Task _write = Task.CompletedTask;

    public JobProgress Latest
    {
        get
        {
            lock (_gate)
                return _latest;
        }
    }

    public void Report(JobProgress value)
    {
        var write = false;
        lock (_gate)
        {
            _latest = value;
            var now = clock.GetUtcNow();
            if (!_writing && now - _lastWrite >= WriteInterval)
            {
                _writing = write = true;
                _lastWrite = now;
            }
        }
        if (write)
        {
            var task = WriteAsync();
            lock (_gate)
                _write = task;
        }
        events.Publish(new IntegrationJobEvent(entry.Id, entry.MappingName, entry.Kind, IntegrationJobRequestStatus.InProcess, value, null));
    }

    /// <summary>Waits for a progress write in flight (the outcome is written after it).</summary>
    public Task FlushAsync()
    {
        lock (_gate)
            return _write;
    }

    private async Task WriteAsync()
    {
        try
        {
            var progress = Latest;
            await lease.UpdateAsync(s => s
                .SetProperty(r => r.Processed, progress.Processed)
                .SetProperty(r => r.Total, progress.Total), bumpVersion: false, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not store the progress of job {RequestId}", entry.Id);
        }
        finally
        {
            lock (_gate)
                _writing = false;
        }
    }
}
