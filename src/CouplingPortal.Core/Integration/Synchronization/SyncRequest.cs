using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>
/// One synchronization run of one mapping (BC's run of a mapping or of a temporary clone of it). Without a selection
/// it synchronizes the records modified since the mapping's watermarks; with <see cref="LocalSystemIds"/> and/or
/// <see cref="DataverseIds"/> only those records (manual runs). Serialized as the payload of a queued job.
/// </summary>
public sealed record SyncRequest
{
    public required string MappingName { get; init; }

    /// <summary>Null: the mapping's direction. A bidirectional run makes two jobs, To first, then From.</summary>
    public SyncDirection? Direction { get; init; }

    /// <summary>Selection: only these local records (SystemId). Empty with no <see cref="DataverseIds"/> = no selection.</summary>
    public IReadOnlyList<Guid> LocalSystemIds { get; init; } = [];

    /// <summary>Selection: only these Dataverse rows.</summary>
    public IReadOnlyList<Guid> DataverseIds { get; init; } = [];

    /// <summary>BC's "Run Full Synchronization": ignore (and then reset) the watermarks, re-evaluate every record in the filters.</summary>
    public bool FullSynchronization { get; init; }

    /// <summary>Overrides the mapping's "Synch. Only Coupled Records" (false for create-new and full sync runs).</summary>
    public bool? SynchOnlyCoupledRecords { get; init; }

    /// <summary>Treat the selected source records as changed (Synchronize Now): every mapped field is compared and differences written.</summary>
    public bool Force { get; init; }

    /// <summary>List selections (Send / Get): skip a record whose destination changed since the last sync, instead of overwriting it.</summary>
    public bool SkipIfDestinationChanged { get; init; }

    /// <summary>Report row by row what the run would do, and write nothing but the job and its lines.</summary>
    public bool DryRun { get; init; }

    public string RequestedBy { get; init; } = "";

    /// <summary>The queue entry running this request, stored on the jobs it writes.</summary>
    public Guid? RequestId { get; init; }

    public bool HasSelection => LocalSystemIds.Count > 0 || DataverseIds.Count > 0;
}

/// <summary>What a run did, or for a dry run would do: its jobs (one per direction) and, for dry runs, one line per record.</summary>
public sealed record SyncRunResult(IReadOnlyList<IntegrationSynchJob> Jobs, IReadOnlyList<SyncPlanLine> Lines);

/// <summary>
/// One record of a run: its action (Insert, Modify, Unchanged, Skip, Fail…), whether it was an update conflict, why
/// (for skips, conflicts and failures, in the user's language) and the fields that change (destination names, old → new).
/// </summary>
public sealed record SyncPlanLine(
    SyncDirection Direction,
    Guid? LocalSystemId,
    Guid? DataverseId,
    string SourceDescription,
    SyncAction Action,
    bool Conflict,
    string? Reason,
    IReadOnlyList<FieldChange> Changes);

/// <summary>One mapped field whose values differ between the two sides of a coupled record.</summary>
public sealed record FieldDifference(string? LocalField, string? DataverseColumn, SyncDirection Direction, string? LocalValue, string? DataverseValue);

/// <summary>
/// What the "Synchronize Now" prompt of one record needs (bc-coupling.md §3.5): whether it is coupled, which side
/// changed since the last synchronization, whether a bidirectional field would conflict, and the differing fields.
/// </summary>
public sealed record RecordSyncInspection(
    string MappingName,
    SyncDirection MappingDirection,
    bool Coupled,
    Guid? DataverseId,
    bool DataverseRowExists,
    bool Skipped,
    bool LocalChanged,
    bool DataverseChanged,
    bool BidirectionalConflict,
    IReadOnlyList<FieldDifference> Differences)
{
    /// <summary>BC's recommended default: only Dataverse changed → Get; only the portal → Send; both or neither → Merge (Send when Merge would conflict).</summary>
    public SyncDirection RecommendedDirection => (LocalChanged, DataverseChanged) switch
    {
        _ when MappingDirection != SyncDirection.Bidirectional => MappingDirection,
        _ when BidirectionalConflict => SyncDirection.ToIntegrationTable,
        (false, true) => SyncDirection.FromIntegrationTable,
        (true, false) => SyncDirection.ToIntegrationTable,
        _ => SyncDirection.Bidirectional,
    };
}

/// <summary>The synchronization core (bc-coupling.md §3.1, §3.4): runs mappings, one request at a time.</summary>
public interface ISynchronizationEngine
{
    /// <summary>Runs (or dry-runs) one request; writes jobs, errors, record changes, couplings and watermarks.</summary>
    Task<SyncRunResult> RunAsync(SyncRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default);

    /// <summary>Compares one local record with its coupled Dataverse row, for the Synchronize Now prompt. Writes nothing.</summary>
    Task<RecordSyncInspection> InspectAsync(string mappingName, Guid localSystemId, CancellationToken ct = default);
}
