namespace CouplingPortal.Core.MasterData;

/// <summary>
/// What every ERP master-data row carries, as in Business Central: a stable <see cref="SystemId"/> that couplings
/// point at, and <see cref="SystemModifiedAt"/>, stamped by the data layer on every insert and change; the
/// synchronization engine's local watermark is built on it.
/// </summary>
public abstract class MasterRecord
{
    public Guid SystemId { get; set; }

    /// <summary>UTC; stamped by the data layer, strictly increasing; never set by callers.</summary>
    public DateTime SystemCreatedAt { get; set; }

    /// <summary>UTC; stamped by the data layer, strictly increasing; never set by callers.</summary>
    public DateTime SystemModifiedAt { get; set; }
}
