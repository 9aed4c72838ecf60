using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Batching;

/// <summary>An entry of a $batch: one independent operation, or an atomic change set of several.</summary>
public abstract record BatchItem
{
    private protected BatchItem()
    {
    }

    internal abstract int OperationCount { get; }
}

/// <summary>One operation inside a $batch. Build with the static factories.</summary>
public sealed record BatchOperation : BatchItem
{
    private BatchOperation(HttpMethod method, string relativeUrl, byte[]? body, IReadOnlyList<KeyValuePair<string, string>> headers, Guid? createdId)
    {
        Method = method;
        RelativeUrl = relativeUrl;
        BodyUtf8 = body;
        Headers = headers;
        CreatedId = createdId;
    }

    public HttpMethod Method { get; }

    /// <summary>Relative to the Web API root, already encoded (accounts(…), accounts?$select=…).</summary>
    public string RelativeUrl { get; }

    /// <summary>The JSON body, serialised once when the operation is built (no copy of the caller's JsonObject is kept).</summary>
    internal byte[]? BodyUtf8 { get; }

    public string? BodyJson => BodyUtf8 is null ? null : System.Text.Encoding.UTF8.GetString(BodyUtf8);
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>For creates: the client-generated primary key.</summary>
    public Guid? CreatedId { get; }

    internal override int OperationCount => 1;

    /// <summary>POST with a client-generated primary key (from <paramref name="id"/>, the record, or a new GUID).</summary>
    public static BatchOperation Create(DataverseTable table, JsonObject record, Guid? id = null)
    {
        var (body, newId) = DataverseClient.CreateBody(table, record, id);
        return new BatchOperation(HttpMethod.Post, table.EntitySetName, body, [], newId);
    }

    /// <summary>
    /// PATCH that never creates (If-Match: etag or *). With <paramref name="returnColumns"/> the part asks for
    /// Prefer: return=representation and its result's Body holds those columns (e.g. the new modifiedon).
    /// </summary>
    public static BatchOperation Update(DataverseTable table, DataverseKey key, JsonObject changes, string? ifMatchEtag = null,
        IEnumerable<string>? returnColumns = null) =>
        new(HttpMethod.Patch, key.ToPath(table) + ReturnSelect(returnColumns, out var prefer), DataverseClient.Serialize(changes),
            [KeyValuePair.Create("If-Match", ifMatchEtag ?? "*"), .. prefer], null);

    /// <summary>PATCH by key: create or update; with <paramref name="returnColumns"/> the result's Body holds those columns.</summary>
    public static BatchOperation Upsert(DataverseTable table, DataverseKey key, JsonObject record, UpsertMode mode = UpsertMode.CreateOrUpdate,
        IEnumerable<string>? returnColumns = null) =>
        new(HttpMethod.Patch, key.ToPath(table) + ReturnSelect(returnColumns, out var prefer), DataverseClient.Serialize(record),
            [.. DataverseClient.UpsertHeaders(mode), .. prefer], key.PrimaryId);

    private static string ReturnSelect(IEnumerable<string>? columns, out IReadOnlyList<KeyValuePair<string, string>> prefer)
    {
        var list = columns?.Select(ODataLiteral.Name).ToList();
        if (list is null)
        {
            prefer = [];
            return "";
        }

        prefer = [KeyValuePair.Create("Prefer", "return=representation")];
        return list.Count == 0 ? "" : "?$select=" + string.Join(",", list.Distinct(StringComparer.Ordinal));
    }

    public static BatchOperation Delete(DataverseTable table, DataverseKey key, string? ifMatchEtag = null) =>
        new(HttpMethod.Delete, key.ToPath(table), null, ifMatchEtag is null ? [] : [KeyValuePair.Create("If-Match", ifMatchEtag)], null);

    /// <summary>A GET; allowed only outside change sets.</summary>
    public static BatchOperation Get(DataverseQuery query) => new(HttpMethod.Get, query.ToRelativeUrl(), null, [], null);
}

/// <summary>An atomic group: Dataverse rolls back every operation when one fails (reference §5.1). No GETs inside.</summary>
public sealed record BatchChangeSet : BatchItem
{
    public BatchChangeSet(params IEnumerable<BatchOperation> operations)
    {
        Operations = operations.ToList();
        if (Operations.Count == 0)
        {
            throw new ArgumentException("A change set needs at least one operation.", nameof(operations));
        }

        if (Operations.Any(o => o.Method == HttpMethod.Get))
        {
            throw new ArgumentException("GET is not allowed inside a change set.", nameof(operations));
        }
    }

    public IReadOnlyList<BatchOperation> Operations { get; }

    internal override int OperationCount => Operations.Count;
}

public sealed record BatchOptions
{
    /// <summary>Operations per $batch request; Dataverse refuses more than 1000.</summary>
    public int MaxOperationsPerBatch { get; init; } = 1000;

    /// <summary>Prefer: odata.continue-on-error — independent operations keep running after a failure.</summary>
    public bool ContinueOnError { get; init; } = true;

    /// <summary>Parallel $batch requests; null = the server's x-ms-dop-hint, capped by Dataverse:MaxParallelism.</summary>
    public int? MaxParallelism { get; init; }
}

/// <summary>The outcome of one operation. <see cref="Executed"/> is false when the server stopped before it.</summary>
public sealed record BatchOperationResult(int Index, int StatusCode, bool Executed, Guid? Id, string? ETag, JsonObject? Body,
    Errors.DataverseException? Error)
{
    public bool Succeeded => Executed && Error is null;
}

public sealed record BatchResult(IReadOnlyList<BatchOperationResult> Operations, int BatchRequests)
{
    public bool AllSucceeded => Operations.All(o => o.Succeeded);
    public IEnumerable<BatchOperationResult> Failures => Operations.Where(o => !o.Succeeded);
}
