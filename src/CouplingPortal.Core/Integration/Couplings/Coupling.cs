using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Couplings;

/// <summary>Outcome of the last synchronization of a coupled record in one direction (BC's ' '/Success/Failure).</summary>
public enum SyncResult
{
    None = 0,
    Success = 1,
    Failure = 2,
}

/// <summary>
/// The per-record synchronization state shared by <see cref="Coupling"/> and <see cref="OptionCoupling"/>: per
/// direction the last result, job, error text and consecutive error count, and the Skipped flag.
/// "ToDataverse" is local → Dataverse (BC's "CRM" result), "FromDataverse" is Dataverse → local.
/// </summary>
public abstract class CouplingSyncState
{
    public Guid Id { get; set; }

    public string MappingName { get; set; } = "";

    public LocalTable LocalTable { get; set; }

    /// <summary>The local record's SystemId.</summary>
    public Guid LocalSystemId { get; set; }

    /// <summary>The local record's SystemModifiedAt at the last successful synchronization; only moves forward.</summary>
    public DateTime? LastSyncedLocalModifiedAt { get; set; }

    public SyncResult LastResultToDataverse { get; set; }
    public Guid? LastJobIdToDataverse { get; set; }
    /// <summary>The last error text local → Dataverse, for the "same error twice" Skipped rule; null after a success.</summary>
    public string? LastErrorToDataverse { get; set; }
    /// <summary>Consecutive failures local → Dataverse (reset on success); transient errors are not counted.</summary>
    public int ErrorCountToDataverse { get; set; }

    public SyncResult LastResultFromDataverse { get; set; }
    public Guid? LastJobIdFromDataverse { get; set; }
    public string? LastErrorFromDataverse { get; set; }
    public int ErrorCountFromDataverse { get; set; }

    /// <summary>Set after the same error twice in a row in one direction; jobs then leave the record alone until a retry.</summary>
    public bool Skipped { get; set; }

    /// <summary>UTC; when the coupling was made.</summary>
    public DateTime CoupledAt { get; set; }

    /// <summary>
    /// Records a failure in one direction and applies BC's rule: the same (non-transient) error text twice in a row
    /// marks the record Skipped. Transient errors (429, timeouts, 5xx) are recorded but never count towards Skipped.
    /// </summary>
    public void RecordFailure(SyncDirection direction, Guid jobId, string message, bool transient)
    {
        var toDataverse = ToDataverse(direction);
        var previous = toDataverse ? LastErrorToDataverse : LastErrorFromDataverse;
        var previousResult = toDataverse ? LastResultToDataverse : LastResultFromDataverse;
        var count = toDataverse ? ErrorCountToDataverse : ErrorCountFromDataverse;
        if (!transient)
        {
            count = previousResult == SyncResult.Failure && previous == message ? count + 1 : 1;
            if (count >= 2) Skipped = true;
        }

        if (toDataverse)
        {
            (LastResultToDataverse, LastJobIdToDataverse, LastErrorToDataverse, ErrorCountToDataverse) = (SyncResult.Failure, jobId, transient ? previous : message, count);
        }
        else
        {
            (LastResultFromDataverse, LastJobIdFromDataverse, LastErrorFromDataverse, ErrorCountFromDataverse) = (SyncResult.Failure, jobId, transient ? previous : message, count);
        }
    }

    /// <summary>Records a success in one direction: result Success, error state cleared, the local stamp moved forward.</summary>
    public void RecordSuccess(SyncDirection direction, Guid jobId, DateTime? localModifiedAt)
    {
        if (ToDataverse(direction))
            (LastResultToDataverse, LastJobIdToDataverse, LastErrorToDataverse, ErrorCountToDataverse) = (SyncResult.Success, jobId, null, 0);
        else
            (LastResultFromDataverse, LastJobIdFromDataverse, LastErrorFromDataverse, ErrorCountFromDataverse) = (SyncResult.Success, jobId, null, 0);
        if (localModifiedAt is { } at && (LastSyncedLocalModifiedAt is null || at > LastSyncedLocalModifiedAt))
            LastSyncedLocalModifiedAt = at;
    }

    private static bool ToDataverse(SyncDirection direction) => direction switch
    {
        SyncDirection.ToIntegrationTable => true,
        SyncDirection.FromIntegrationTable => false,
        _ => throw new ArgumentException("A result belongs to one direction, not Bidirectional.", nameof(direction)),
    };
}

/// <summary>
/// BC's CRM Integration Record: couples one local record (<see cref="CouplingSyncState.LocalSystemId"/>) with one Dataverse
/// row (<see cref="DataverseId"/>). The database keeps both sides unique: one coupling per local record per table, and
/// one per Dataverse row per Dataverse table.
/// </summary>
public sealed class Coupling : CouplingSyncState
{
    public string DataverseTable { get; set; } = "";

    public Guid DataverseId { get; set; }

    /// <summary>The Dataverse row's modifiedon at the last successful synchronization (either direction); only moves forward.</summary>
    public DateTime? LastSyncedDataverseModifiedOn { get; set; }

    /// <summary>
    /// True while the Dataverse row is being created: <see cref="DataverseId"/> was chosen and stored BEFORE the create
    /// request, which is sent as an upsert with that id. After a crash, a rerun upserts the same id again, so no
    /// duplicate row can appear; the engine clears the flag once the row exists.
    /// </summary>
    public bool DataverseCreatePending { get; set; }

    /// <summary>
    /// The Dataverse row's versionnumber (its ETag) at the last successful synchronization; only moves forward. modifiedon
    /// has whole-second resolution, so an edit in the same second as the portal's own write is only visible here.
    /// </summary>
    public long? LastSyncedDataverseVersion { get; set; }

    /// <summary>Moves the Dataverse stamp forward (never back).</summary>
    public void AdvanceDataverseModifiedOn(DateTime? modifiedOn)
    {
        if (modifiedOn is { } at && (LastSyncedDataverseModifiedOn is null || at > LastSyncedDataverseModifiedOn))
            LastSyncedDataverseModifiedOn = at;
    }

    /// <summary>Moves the Dataverse stamps (modifiedon and versionnumber) forward to what the row showed (never back).</summary>
    public void AdvanceDataverseStamps(DateTime? modifiedOn, long? version)
    {
        AdvanceDataverseModifiedOn(modifiedOn);
        if (version is { } v && (LastSyncedDataverseVersion is null || v > LastSyncedDataverseVersion))
            LastSyncedDataverseVersion = v;
    }

    /// <summary>The row version in a weak ETag (W/"12345"); null when there is none.</summary>
    public static long? VersionOf(string? etag)
    {
        if (etag is null) return null;
        var text = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        return long.TryParse(text.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

/// <summary>
/// BC's CRM Option Mapping: couples a local code record (e.g. Payment Terms NET30) with an option value of a Dataverse
/// option-set column (e.g. account.paymenttermscode = 1). Unique per mapping on both sides.
/// </summary>
public sealed class OptionCoupling : CouplingSyncState
{
    public string DataverseTable { get; set; } = "";

    public string DataverseColumn { get; set; } = "";

    public int OptionValue { get; set; }

    /// <summary>The option's label as last seen or written.</summary>
    public string OptionLabel { get; set; } = "";
}
