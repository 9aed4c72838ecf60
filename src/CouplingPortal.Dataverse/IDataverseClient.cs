using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.ChangeTracking;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse;

/// <summary>
/// The one seam through which CouplingPortal talks to Dataverse (Web API, OData v4). Failures throw
/// <see cref="Errors.DataverseException"/> with Dataverse's code and message and a transient/permanent classification;
/// throttling, 5xx and timeouts are retried inside before that.
/// </summary>
public interface IDataverseClient
{
    /// <summary>Connectivity probe: the caller's user, business unit and organisation ids, plus the server's dop hint.</summary>
    Task<WhoAmIResult> WhoAmIAsync(CancellationToken ct = default);

    /// <summary>One row by id or alternate key; null when it does not exist.</summary>
    Task<DataverseRow?> RetrieveAsync(DataverseTable table, DataverseKey key, IEnumerable<string>? columns = null, CancellationToken ct = default);

    /// <summary>Conditional GET with If-None-Match: the row only if its ETag differs from <paramref name="etag"/>.</summary>
    Task<ConditionalRetrieveResult> RetrieveIfChangedAsync(DataverseTable table, DataverseKey key, string etag, IEnumerable<string>? columns = null, CancellationToken ct = default);

    /// <summary>Pages of a query, following @odata.nextLink exactly as given, with the same Prefer: odata.maxpagesize on every page.</summary>
    IAsyncEnumerable<DataversePage> QueryPagesAsync(DataverseQuery query, int? pageSize = null, CancellationToken ct = default);

    /// <summary>All rows of a query, page by page.</summary>
    IAsyncEnumerable<DataverseRow> QueryAsync(DataverseQuery query, int? pageSize = null, CancellationToken ct = default);

    /// <summary>Number of rows (capped at 5000 by Dataverse when filtered); without a filter GET /set/$count.</summary>
    Task<long> CountAsync(DataverseTable table, Filter? filter = null, CancellationToken ct = default);

    /// <summary>
    /// POST with a client-generated primary key (taken from <paramref name="id"/>, the record, or a new GUID) and returns it.
    /// Retry-safe: a DuplicateRecord answer to a retried attempt is our own earlier success.
    /// </summary>
    Task<Guid> CreateAsync(DataverseTable table, JsonObject record, Guid? id = null, CancellationToken ct = default);

    /// <summary>POST with Prefer: return=representation, returning the selected columns (the primary key and ETag always).</summary>
    Task<DataverseRow> CreateAndReturnAsync(DataverseTable table, JsonObject record, IEnumerable<string> columns, Guid? id = null, CancellationToken ct = default);

    /// <summary>
    /// PATCH that never creates: If-Match: <paramref name="ifMatchEtag"/> or *. Missing row → 404, stale ETag → 412.
    /// Returns the row when <paramref name="returnColumns"/> is given, else null.
    /// </summary>
    Task<DataverseRow?> UpdateAsync(DataverseTable table, DataverseKey key, JsonObject changes, string? ifMatchEtag = null,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default);

    /// <summary>PATCH by key (id or alternate key): create or update, create-only or update-only (reference §3.3).</summary>
    Task<UpsertResult> UpsertAsync(DataverseTable table, DataverseKey key, JsonObject record, UpsertMode mode = UpsertMode.CreateOrUpdate,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default);

    /// <summary>DELETE; false when the row did not exist. With <paramref name="ifMatchEtag"/> a changed row gives 412.</summary>
    Task<bool> DeleteAsync(DataverseTable table, DataverseKey key, string? ifMatchEtag = null, CancellationToken ct = default);

    /// <summary>
    /// $batch: items are split into batches of at most <see cref="BatchOptions.MaxOperationsPerBatch"/> operations
    /// (change sets stay whole), sent in parallel (bounded by x-ms-dop-hint and MaxParallelism), with continue-on-error
    /// by default. One result per operation, in input order.
    /// </summary>
    Task<BatchResult> ExecuteBatchAsync(IEnumerable<BatchItem> items, BatchOptions? options = null, CancellationToken ct = default);

    /// <summary>Initial change-tracking read: every row (all pages) plus the deltaLink to store.</summary>
    Task<ChangeTrackingResult> StartChangeTrackingAsync(DataverseTable table, IEnumerable<string> columns, int? pageSize = null, CancellationToken ct = default);

    /// <summary>Rows changed and ids deleted since <paramref name="deltaLink"/>, plus the next deltaLink.</summary>
    Task<ChangeTrackingResult> GetChangesAsync(string deltaLink, CancellationToken ct = default);
}

public sealed record WhoAmIResult(Guid UserId, Guid BusinessUnitId, Guid OrganizationId, int? DegreeOfParallelismHint);

public enum ConditionalRetrieveStatus
{
    NotModified,
    Changed,
    NotFound,
}

public sealed record ConditionalRetrieveResult(ConditionalRetrieveStatus Status, DataverseRow? Row);

/// <summary>A page of rows; <see cref="NextLink"/> is null on the last page.</summary>
public sealed record DataversePage(IReadOnlyList<DataverseRow> Rows, long? Count, string? NextLink);

public enum UpsertMode
{
    /// <summary>No condition: update if it exists, otherwise create.</summary>
    CreateOrUpdate,

    /// <summary>If-None-Match: * — an existing row gives 412.</summary>
    CreateOnly,

    /// <summary>If-Match: * — a missing row gives 404.</summary>
    UpdateOnly,
}

/// <summary>
/// Outcome of an upsert. <see cref="Created"/> is known only with return columns (201 vs 200); <see cref="EntityId"/>
/// is the OData-EntityId header (for alternate keys it holds the key segment, not a GUID).
/// </summary>
public sealed record UpsertResult(bool? Created, DataverseRow? Row, Uri? EntityId);
