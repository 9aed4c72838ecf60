using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>BC's internal synch actions; each maps to one job counter.</summary>
public enum SyncAction
{
    Insert = 0,
    Modify = 1,
    Delete = 2,
    Unchanged = 3,
    Skip = 4,
    Fail = 5,
    Couple = 6,
    Uncouple = 7,
}

/// <summary>One changed field: its name on the destination side, with the value before and after, as text.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>
/// What one job did to one record: the action and the fields it changed (old → new), so a record's history can be
/// shown as a timeline. For a dry run, what it would have done.
/// </summary>
public sealed class SyncRecordChange
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public string MappingName { get; set; } = "";

    public SyncDirection Direction { get; set; }

    public Guid? LocalSystemId { get; set; }

    public Guid? DataverseId { get; set; }

    public SyncAction Action { get; set; }

    /// <summary>Stored as one JSON column: [{"field":"name","oldValue":"A","newValue":"B"}].</summary>
    public List<FieldChange> Changes { get; set; } = [];

    public DateTime OccurredAt { get; set; }
}
