using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>The "Integration:Scheduler" section: how this portal instance runs the job queue.</summary>
public sealed class IntegrationSchedulerOptions
{
    public const string SectionName = "Integration:Scheduler";

    /// <summary>False: this instance runs no jobs (another instance on the same database does); clicks still enqueue.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs this instance runs at the same time (never two of the same mapping).</summary>
    [Range(1, 32, ErrorMessage = "Integration:Scheduler:Workers must be between 1 and 32.")]
    public int Workers { get; set; } = 2;

    /// <summary>How long a claimed job stays this instance's without a renewal; a crashed instance's job is taken over after it.</summary>
    [Range(10, 3600, ErrorMessage = "Integration:Scheduler:LeaseSeconds must be between 10 and 3600.")]
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>
    /// The longest this instance waits before it looks at the queue again. Its own enqueues and local changes wake it at
    /// once; this bounds how late it notices entries other instances enqueued.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Integration:Scheduler:PollSeconds must be between 1 and 3600.")]
    public int PollSeconds { get; set; } = 15;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
}
