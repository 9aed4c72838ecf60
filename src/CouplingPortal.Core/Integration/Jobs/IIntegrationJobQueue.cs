namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// Enqueues background work; the only thing a click does. The hosted scheduler runs the entry on one instance and
/// publishes progress (<see cref="IIntegrationJobEvents"/>).
/// </summary>
public interface IIntegrationJobQueue
{
    /// <summary>Stores a one-off entry that runs as soon as a worker is free. <paramref name="payload"/> is the kind's request.</summary>
    Task<IntegrationJobRequest> EnqueueAsync(IntegrationJobKind kind, string mappingName, object payload, string requestedBy, CancellationToken ct = default);
}

/// <summary>Runs one kind of queued job; registered once per kind.</summary>
public interface IIntegrationJobHandler
{
    IntegrationJobKind Kind { get; }

    /// <summary>Runs the entry's payload; reports progress; a thrown exception counts as a failed attempt.</summary>
    Task RunAsync(IntegrationJobRequest request, IProgress<JobProgress> progress, CancellationToken ct);
}

/// <summary>A queue entry changed: progress, started, finished or failed. Pushed to open pages over their circuits.</summary>
public sealed record IntegrationJobEvent(Guid RequestId, string MappingName, IntegrationJobKind Kind, IntegrationJobRequestStatus Status, JobProgress Progress, string? Message);

/// <summary>In-process publication of queue events, for pages to refresh themselves without polling.</summary>
public interface IIntegrationJobEvents
{
    /// <summary>Subscribes; dispose the result to unsubscribe. Handlers run on the publisher's thread: keep them short.</summary>
    IDisposable Subscribe(Action<IntegrationJobEvent> handler);
}
