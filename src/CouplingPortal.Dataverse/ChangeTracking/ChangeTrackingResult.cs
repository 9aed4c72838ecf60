using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.ChangeTracking;

/// <summary>
/// Rows new or changed (full current images; there is no created/updated flag), ids deleted (possibly rows the caller
/// never saw: handle idempotently), and the deltaLink to store for next time (reference §4.1).
/// </summary>
public sealed record ChangeTrackingResult(IReadOnlyList<DataverseRow> Changed, IReadOnlyList<Guid> Deleted, string DeltaLink);
