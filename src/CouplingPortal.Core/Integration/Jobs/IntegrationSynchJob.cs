using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Jobs;

public enum IntegrationJobType
{
    Synchronization = 0,
    Coupling = 1,
    Uncoupling = 2,
}

public enum IntegrationJobStatus
{
    Queued = 0,
    Running = 1,
    Finished = 2,
    Failed = 3,
}

/// <summary>
/// BC's Integration Synch. Job (table 5338): one run of one mapping in one direction, with its counters. A
/// bidirectional synchronization writes two jobs, one per direction.
/// </summary>
public sealed class IntegrationSynchJob
{
    public Guid Id { get; set; }

    public IntegrationJobType Type { get; set; }

    /// <summary>The mapping the run belongs to (for manual runs on a selection, still the real mapping's name).</summary>
    public string MappingName { get; set; } = "";

    public SyncDirection Direction { get; set; }

    public IntegrationJobStatus Status { get; set; }

    /// <summary>A dry run reports what it would do and writes nothing but this job and its lines.</summary>
    public bool IsDryRun { get; set; }

    public int Inserted { get; set; }
    public int Modified { get; set; }
    public int Deleted { get; set; }
    public int Unchanged { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public int Coupled { get; set; }
    public int Uncoupled { get; set; }

    /// <summary>Job-level message, e.g. why the run could not start.</summary>
    public string? Message { get; set; }

    /// <summary>UTC; when the job was requested.</summary>
    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The user name, or "scheduler" for recurring runs.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>The queue entry (<see cref="IntegrationJobRequest"/>) whose run wrote this job; null for runs outside the queue.</summary>
    public Guid? RequestId { get; set; }

    public TimeSpan? Duration => StartedAt is { } start && FinishedAt is { } finish ? finish - start : null;

    public List<IntegrationSynchJobError> Errors { get; set; } = [];

    /// <summary>Adds one to the counter of <paramref name="action"/> (BC's synch action → counter rule).</summary>
    public void Count(SyncAction action)
    {
        switch (action)
        {
            case SyncAction.Insert: Inserted++; break;
            case SyncAction.Modify: Modified++; break;
            case SyncAction.Delete: Deleted++; break;
            case SyncAction.Unchanged: Unchanged++; break;
            case SyncAction.Skip: Skipped++; break;
            case SyncAction.Fail: Failed++; break;
            case SyncAction.Couple: Coupled++; break;
            case SyncAction.Uncouple: Uncoupled++; break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}

/// <summary>BC's Integration Synch. Job Errors (table 5339): one failed record of a job.</summary>
public sealed class IntegrationSynchJobError
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    /// <summary>The source record: a local SystemId or a Dataverse id, by the job's direction; null when unknown.</summary>
    public Guid? SourceRecordId { get; set; }

    /// <summary>Readable source, e.g. "Customer 10000 Adatum Corporation".</summary>
    public string SourceDescription { get; set; } = "";

    /// <summary>The destination record, when it exists (empty for a failed insert).</summary>
    public Guid? DestinationRecordId { get; set; }

    public string DestinationDescription { get; set; } = "";

    /// <summary>Short message for lists (at most 250 characters).</summary>
    public string Message { get; set; } = "";

    /// <summary>The full error: Dataverse error code and text, request id, or exception detail.</summary>
    public string Detail { get; set; } = "";

    /// <summary>429, timeouts, 5xx: retried, never the reason a record becomes Skipped.</summary>
    public bool IsTransient { get; set; }

    public DateTime OccurredAt { get; set; }
}
