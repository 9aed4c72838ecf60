using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Matching;

/// <summary>One match field (BC's "Select Coupling Criteria" line): fields of the same priority are ANDed into one group.</summary>
public sealed record MatchCriterion(string LocalField, string DataverseColumn, bool CaseSensitive, int Priority);

/// <summary>
/// Match-based coupling (bc-coupling.md §3.7) of one mapping: the selected uncoupled local records, or with no
/// selection every uncoupled record in the table filter. Serialized as the payload of a queued job.
/// </summary>
public sealed record MatchRequest
{
    public required string MappingName { get; init; }

    /// <summary>Empty: all uncoupled records of the mapping's table filter.</summary>
    public IReadOnlyList<Guid> LocalSystemIds { get; init; } = [];

    /// <summary>Null: the mapping's field mappings marked "use for match-based coupling".</summary>
    public IReadOnlyList<MatchCriterion>? Criteria { get; init; }

    /// <summary>Null: the mapping's setting. Unmatched records get created in Dataverse (a follow-up sync job).</summary>
    public bool? CreateNewIfNoMatch { get; init; }

    /// <summary>Null: the mapping's setting. New couplings get synchronized (a follow-up sync job).</summary>
    public bool? SynchronizeAfterCoupling { get; init; }

    /// <summary>For the follow-up sync of a bidirectional mapping (Get → From, Send → To, None → both); null: the mapping's.</summary>
    public UpdateConflictResolution? UpdateConflictResolution { get; init; }

    /// <summary>Preview: report what would be coupled, created and left unmatched, and why; write nothing but the job.</summary>
    public bool DryRun { get; init; }

    public string RequestedBy { get; init; } = "";

    public Guid? RequestId { get; init; }
}

public enum MatchOutcome
{
    /// <summary>One uncoupled Dataverse row matched in a priority group: coupled (or would be, in a preview).</summary>
    Coupled = 0,
    /// <summary>No group found a unique uncoupled row, and create-new is on: a Dataverse row will be created.</summary>
    CreateNew = 1,
    /// <summary>No row matched in any group.</summary>
    NoMatch = 2,
    /// <summary>The best group matched several rows.</summary>
    MultipleMatches = 3,
    /// <summary>The only match is already coupled to another record.</summary>
    MatchAlreadyCoupled = 4,
    /// <summary>All match fields of every group are empty on the record.</summary>
    NoMatchValues = 5,
    /// <summary>The record was coupled meanwhile (e.g. by another job): left alone.</summary>
    AlreadyCoupled = 6,
    /// <summary>A selected record outside the mapping's table filter: left alone.</summary>
    NotInTableFilter = 7,
}

/// <summary>One local record's outcome, with the matched row and group, and the reason in the user's language.</summary>
public sealed record MatchLine(
    Guid LocalSystemId,
    string LocalDescription,
    MatchOutcome Outcome,
    Guid? DataverseId,
    string? DataverseDescription,
    int? MatchPriority,
    string Reason);

/// <summary>The coupling job (Type Coupling), one line per record, and the follow-up work it asks for.</summary>
public sealed record MatchResult(IntegrationSynchJob Job, IReadOnlyList<MatchLine> Lines, int DataverseRequests)
{
    /// <summary>Local records newly coupled (for "synchronize after coupling").</summary>
    public IEnumerable<Guid> CoupledLocalIds => Lines.Where(l => l.Outcome == MatchOutcome.Coupled).Select(l => l.LocalSystemId);

    /// <summary>Local records to create in Dataverse (create new if no match).</summary>
    public IEnumerable<Guid> CreateNewLocalIds => Lines.Where(l => l.Outcome == MatchOutcome.CreateNew).Select(l => l.LocalSystemId);
}

/// <summary>Match-based coupling: reads the candidate Dataverse rows once (paged) and matches in memory, O(N + M).</summary>
public interface IMatchBasedCoupling
{
    Task<MatchResult> RunAsync(MatchRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default);
}
