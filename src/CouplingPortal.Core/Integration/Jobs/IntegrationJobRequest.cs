namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>What a queued job does; each kind has one handler and one payload type.</summary>
public enum IntegrationJobKind
{
    /// <summary>Payload: <see cref="Synchronization.SyncRequest"/>.</summary>
    Synchronization = 0,
    /// <summary>Payload: <see cref="Matching.MatchRequest"/>.</summary>
    MatchBasedCoupling = 1,
    /// <summary>Payload: <see cref="Uncoupling.UncoupleRequest"/>.</summary>
    Uncoupling = 2,
}

/// <summary>BC's Job Queue Entry statuses, as far as the portal needs them.</summary>
public enum IntegrationJobRequestStatus
{
    /// <summary>Waiting for <see cref="IntegrationJobRequest.NotBefore"/>.</summary>
    Ready = 0,
    /// <summary>Claimed by an instance that holds the lease.</summary>
    InProcess = 1,
    /// <summary>Recurring only: the last run found nothing; waits for its inactivity timeout or a local change.</summary>
    OnHoldWithInactivityTimeout = 2,
    Finished = 3,
    /// <summary>Failed after its last attempt; <see cref="IntegrationJobRequest.Message"/> says why.</summary>
    Error = 4,
}

/// <summary>
/// One entry of the job queue kept in the database (BC's Job Queue Entry): a one-off job a user action enqueued, or a
/// mapping's recurring synchronization. Clicks only insert these; a hosted service on one of the portal's instances
/// claims each due entry with a lease, runs it and writes <see cref="IntegrationSynchJob"/> rows (linked by
/// <see cref="IntegrationSynchJob.RequestId"/>). A crashed instance's entry is taken over when its lease expires.
/// </summary>
public sealed class IntegrationJobRequest
{
    public Guid Id { get; set; }

    public IntegrationJobKind Kind { get; set; }

    /// <summary>The mapping the job works on (the first one, for a job over several mappings).</summary>
    public string MappingName { get; set; } = "";

    /// <summary>What people see in lists, e.g. "CUSTOMER - Dataverse synchronization job".</summary>
    public string Description { get; set; } = "";

    /// <summary>The kind's request (SyncRequest, MatchRequest, UncoupleRequest) as JSON.</summary>
    public string PayloadJson { get; set; } = "{}";

    /// <summary>The mapping's recurring synchronization (one per mapping), rescheduled after each run.</summary>
    public bool Recurring { get; set; }

    public IntegrationJobRequestStatus Status { get; set; }

    /// <summary>UTC; not started before this moment.</summary>
    public DateTime NotBefore { get; set; }

    /// <summary>UTC.</summary>
    public DateTime QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The user name, or "scheduler" for recurring runs.</summary>
    public string RequestedBy { get; set; } = "";

    /// <summary>The last outcome in words (an error when <see cref="Status"/> is Error).</summary>
    public string? Message { get; set; }

    /// <summary>Attempts started so far; BC: 2 for one-off jobs, 10 for recurring ones.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; } = 2;

    /// <summary>The instance holding the lease while <see cref="Status"/> is InProcess.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>UTC; the holder renews the lease while it works; after this another instance may take the job over.</summary>
    public DateTime? LeaseExpiresAt { get; set; }

    /// <summary>Progress for every instance's pages: records processed so far, and the total when known.</summary>
    public int Processed { get; set; }

    public int? Total { get; set; }

    /// <summary>Optimistic concurrency token: claiming, renewing and finishing succeed only on the version read.</summary>
    public int Version { get; set; }
}
