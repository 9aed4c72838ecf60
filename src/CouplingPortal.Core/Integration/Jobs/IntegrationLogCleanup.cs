using System.ComponentModel.DataAnnotations;
using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>The "IntegrationLog" section: how long synchronization jobs, their errors and record changes are kept.</summary>
public sealed class IntegrationLogOptions
{
    public const string SectionName = "IntegrationLog";

    /// <summary>Finished jobs older than this many days are deleted with their errors and record changes (default 30).</summary>
    [Range(1, 3650, ErrorMessage = "IntegrationLog:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 30;
}

/// <summary>
/// Keeps the synchronization log bounded. Deleting a job deletes its errors and record changes (database cascade);
/// queued and running jobs are never deleted.
/// </summary>
public sealed class IntegrationLogCleanup(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, IOptions<IntegrationLogOptions> options)
{
    /// <summary>BC's "Delete Entries Older Than 7 Days".</summary>
    public Task<int> DeleteEntriesOlderThan7DaysAsync(CancellationToken ct) => DeleteEntriesOlderThanAsync(TimeSpan.FromDays(7), ct);

    /// <summary>
    /// BC's rule: deletes finished jobs older than <paramref name="age"/> that had no failed records (jobs with failures
    /// stay until the retention period ends, so their errors can still be read). Returns the number of jobs deleted.
    /// </summary>
    public Task<int> DeleteEntriesOlderThanAsync(TimeSpan age, CancellationToken ct) => DeleteAsync(age, keepJobsWithFailures: true, ct);

    /// <summary>
    /// Deletes every finished job older than <see cref="IntegrationLogOptions.RetentionDays"/>, and the one-off queue
    /// entries that ended before then. Returns the number of jobs deleted.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken ct)
    {
        var age = TimeSpan.FromDays(options.Value.RetentionDays);
        var deleted = await DeleteAsync(age, keepJobsWithFailures: false, ct);
        var cutOff = clock.GetUtcNow().UtcDateTime - age;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.IntegrationJobRequests.Where(r => !r.Recurring
                && (r.Status == IntegrationJobRequestStatus.Finished || r.Status == IntegrationJobRequestStatus.Error)
                && (r.FinishedAt ?? r.QueuedAt) < cutOff)
            .ExecuteDeleteAsync(ct);
        return deleted;
    }

    private async Task<int> DeleteAsync(TimeSpan age, bool keepJobsWithFailures, CancellationToken ct)
    {
        if (age < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(age), age, "The age must not be negative.");
        var cutOff = clock.GetUtcNow().UtcDateTime - age;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = db.IntegrationSynchJobs.Where(j =>
            (j.Status == IntegrationJobStatus.Finished || j.Status == IntegrationJobStatus.Failed)
            && (j.FinishedAt ?? j.QueuedAt) < cutOff);
        if (keepJobsWithFailures)
            jobs = jobs.Where(j => j.Failed == 0);
        return await jobs.ExecuteDeleteAsync(ct);
    }
}
