using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.ChangeTracking;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Core.Connection;

/// <summary>
/// The <see cref="IDataverseClient"/> the portal's features get: it refuses every call with
/// <see cref="DataverseConnectionDisabledException"/> while the connection setup is disabled. Test Connection does not
/// go through it (it builds its own client from the entered setup), so a disabled connection can still be tested.
/// </summary>
internal sealed class ConnectionGuardedDataverseClient(IDataverseClient inner, DataverseConnectionState state) : IDataverseClient
{
    public async Task<WhoAmIResult> WhoAmIAsync(CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.WhoAmIAsync(ct);
    }

    public async Task<DataverseRow?> RetrieveAsync(DataverseTable table, DataverseKey key, IEnumerable<string>? columns = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.RetrieveAsync(table, key, columns, ct);
    }

    public async Task<ConditionalRetrieveResult> RetrieveIfChangedAsync(DataverseTable table, DataverseKey key, string etag, IEnumerable<string>? columns = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.RetrieveIfChangedAsync(table, key, etag, columns, ct);
    }

    public async IAsyncEnumerable<DataversePage> QueryPagesAsync(DataverseQuery query, int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        await foreach (var page in inner.QueryPagesAsync(query, pageSize, ct))
        {
            yield return page;
        }
    }

    public async IAsyncEnumerable<DataverseRow> QueryAsync(DataverseQuery query, int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        await foreach (var row in inner.QueryAsync(query, pageSize, ct))
        {
            yield return row;
        }
    }

    public async Task<long> CountAsync(DataverseTable table, Filter? filter = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.CountAsync(table, filter, ct);
    }

    public async Task<Guid> CreateAsync(DataverseTable table, JsonObject record, Guid? id = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.CreateAsync(table, record, id, ct);
    }

    public async Task<DataverseRow> CreateAndReturnAsync(DataverseTable table, JsonObject record, IEnumerable<string> columns, Guid? id = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.CreateAndReturnAsync(table, record, columns, id, ct);
    }

    public async Task<DataverseRow?> UpdateAsync(DataverseTable table, DataverseKey key, JsonObject changes, string? ifMatchEtag = null,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.UpdateAsync(table, key, changes, ifMatchEtag, returnColumns, ct);
    }

    public async Task<UpsertResult> UpsertAsync(DataverseTable table, DataverseKey key, JsonObject record, UpsertMode mode = UpsertMode.CreateOrUpdate,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.UpsertAsync(table, key, record, mode, returnColumns, ct);
    }

    public async Task<bool> DeleteAsync(DataverseTable table, DataverseKey key, string? ifMatchEtag = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.DeleteAsync(table, key, ifMatchEtag, ct);
    }

    public async Task<BatchResult> ExecuteBatchAsync(IEnumerable<BatchItem> items, BatchOptions? options = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.ExecuteBatchAsync(items, options, ct);
    }

    public async Task<ChangeTrackingResult> StartChangeTrackingAsync(DataverseTable table, IEnumerable<string> columns, int? pageSize = null, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.StartChangeTrackingAsync(table, columns, pageSize, ct);
    }

    public async Task<ChangeTrackingResult> GetChangesAsync(string deltaLink, CancellationToken ct = default)
    {
        await state.EnsureEnabledAsync(ct);
        return await inner.GetChangesAsync(deltaLink, ct);
    }
}
