namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>A lookup value: the target table's logical name and row id.</summary>
internal sealed record EntityReference(string LogicalName, Guid Id);

/// <summary>
/// One stored row. Immutable once stored: an update stores a new instance, so readers can serialize rows outside
/// the store lock and a rollback only has to put the previous instance back.
/// Values hold string, int, long, decimal, bool, DateTime (UTC), Guid or <see cref="EntityReference"/>.
/// </summary>
internal sealed class EntityRow(Guid id, Dictionary<string, object?> values)
{
    public Guid Id { get; } = id;
    public IReadOnlyDictionary<string, object?> Values => values;
    public long Version => values.TryGetValue("versionnumber", out var v) && v is long l ? l : 0;
    public object? Get(string column) => values.TryGetValue(column, out var v) ? v : null;
    public Dictionary<string, object?> CopyValues() => new(values, StringComparer.Ordinal);
}

/// <summary>One entry of a table's append-only change log (change tracking).</summary>
internal readonly record struct ChangeEntry(long Version, Guid Id, bool Deleted);
