using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.ChangeTracking;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.Dataverse.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CouplingPortal.Dataverse;

/// <summary>Dataverse Web API over HttpClient; the HttpClient's handlers do auth, throttling gate and retries.</summary>
public sealed class DataverseClient(
    HttpClient http,
    IDataverseEndpoint endpoint,
    DataverseThrottleGate gate,
    IOptionsMonitor<DataverseOptions> options,
    ILogger<DataverseClient> logger) : IDataverseClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public async Task<WhoAmIResult> WhoAmIAsync(CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Get, "WhoAmI");
        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        var json = await ReadObjectAsync(response, ct).ConfigureAwait(false);
        return new WhoAmIResult(
            Guid.Parse(json["UserId"]!.GetValue<string>()),
            Guid.Parse(json["BusinessUnitId"]!.GetValue<string>()),
            Guid.Parse(json["OrganizationId"]!.GetValue<string>()),
            gate.DegreeOfParallelismHint);
    }

    public async Task<DataverseRow?> RetrieveAsync(DataverseTable table, DataverseKey key, IEnumerable<string>? columns = null, CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Get, key.ToPath(table) + SelectQuery(columns));
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : new DataverseRow(await ReadObjectAsync(response, ct).ConfigureAwait(false));
    }

    public async Task<ConditionalRetrieveResult> RetrieveIfChangedAsync(DataverseTable table, DataverseKey key, string etag, IEnumerable<string>? columns = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(etag);
        using var request = NewRequest(HttpMethod.Get, key.ToPath(table) + SelectQuery(columns));
        request.Headers.Remove("If-None-Match");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound, HttpStatusCode.NotModified).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.NotModified => new ConditionalRetrieveResult(ConditionalRetrieveStatus.NotModified, null),
            HttpStatusCode.NotFound => new ConditionalRetrieveResult(ConditionalRetrieveStatus.NotFound, null),
            _ => new ConditionalRetrieveResult(ConditionalRetrieveStatus.Changed, new DataverseRow(await ReadObjectAsync(response, ct).ConfigureAwait(false))),
        };
    }

    public async IAsyncEnumerable<DataversePage> QueryPagesAsync(DataverseQuery query, int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new Uri(endpoint.WebApiUrl, query.ToRelativeUrl());
        while (true)
        {
            using var request = NewRequest(HttpMethod.Get, url);
            AddPageSize(request, pageSize);
            JsonObject json;
            using (var response = await SendAsync(request, ct).ConfigureAwait(false))
            {
                json = await ReadObjectAsync(response, ct).ConfigureAwait(false);
            }

            var nextLink = json["@odata.nextLink"]?.GetValue<string>();
            yield return new DataversePage(Rows(json), json["@odata.count"]?.GetValue<long>(), nextLink);
            if (nextLink is null)
            {
                yield break;
            }

            // Exactly as given: never re-encode the opaque $skiptoken or add options (reference §2.3).
            url = new Uri(nextLink, UriKind.Absolute);
        }
    }

    public async IAsyncEnumerable<DataverseRow> QueryAsync(DataverseQuery query, int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var page in QueryPagesAsync(query, pageSize, ct).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    public async Task<long> CountAsync(DataverseTable table, Filter? filter = null, CancellationToken ct = default)
    {
        if (filter is null)
        {
            using var request = NewRequest(HttpMethod.Get, table.EntitySetName + "/$count");
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("text/plain");
            using var response = await SendAsync(request, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return long.Parse(text.Trim().TrimStart('\uFEFF'), CultureInfo.InvariantCulture);
        }

        var query = DataverseQuery.From(table).Select(table.PrimaryKey).Where(filter).WithCount();
        await foreach (var page in QueryPagesAsync(query, pageSize: 1, ct).ConfigureAwait(false))
        {
            return page.Count ?? throw new DataverseException(null, null, "Dataverse did not return @odata.count.");
        }

        return 0;
    }

    public async Task<Guid> CreateAsync(DataverseTable table, JsonObject record, Guid? id = null, CancellationToken ct = default)
    {
        var (body, newId) = CreateBody(table, record, id);
        using var request = NewRequest(HttpMethod.Post, table.EntitySetName, body);
        try
        {
            using var response = await SendAsync(request, ct).ConfigureAwait(false);
            return EntityIdFromHeader(response) ?? newId;
        }
        catch (DataverseException ex) when (IsOwnEarlierCreate(ex, request))
        {
            logger.LogInformation("Create of {Table} {Id} was retried and the row already exists: the lost first attempt succeeded.", table, newId);
            return newId;
        }
    }

    public async Task<DataverseRow> CreateAndReturnAsync(DataverseTable table, JsonObject record, IEnumerable<string> columns, Guid? id = null,
        CancellationToken ct = default)
    {
        var (body, newId) = CreateBody(table, record, id);
        using var request = NewRequest(HttpMethod.Post, table.EntitySetName + SelectQuery(columns), body);
        request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        try
        {
            using var response = await SendAsync(request, ct).ConfigureAwait(false);
            return new DataverseRow(await ReadObjectAsync(response, ct).ConfigureAwait(false));
        }
        catch (DataverseException ex) when (IsOwnEarlierCreate(ex, request))
        {
            return await RetrieveAsync(table, newId, columns, ct).ConfigureAwait(false)
                ?? throw new DataverseException(HttpStatusCode.NotFound, DataverseErrorCodes.ObjectDoesNotExist, $"{table} {newId} vanished right after its create.");
        }
    }

    public async Task<DataverseRow?> UpdateAsync(DataverseTable table, DataverseKey key, JsonObject changes, string? ifMatchEtag = null,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default)
    {
        var columns = returnColumns?.ToList();
        using var request = NewRequest(HttpMethod.Patch, key.ToPath(table) + SelectQuery(columns), Serialize(changes));
        request.Headers.TryAddWithoutValidation("If-Match", ifMatchEtag ?? "*");
        if (columns is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        }

        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        return columns is null ? null : new DataverseRow(await ReadObjectAsync(response, ct).ConfigureAwait(false));
    }

    public async Task<UpsertResult> UpsertAsync(DataverseTable table, DataverseKey key, JsonObject record, UpsertMode mode = UpsertMode.CreateOrUpdate,
        IEnumerable<string>? returnColumns = null, CancellationToken ct = default)
    {
        var columns = returnColumns?.ToList();
        using var request = NewRequest(HttpMethod.Patch, key.ToPath(table) + SelectQuery(columns), Serialize(record));
        foreach (var header in UpsertHeaders(mode))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (columns is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        }

        using var response = await SendAsync(request, ct).ConfigureAwait(false);
        var entityId = response.Headers.TryGetValues("OData-EntityId", out var ids) ? new Uri(ids.First(), UriKind.Absolute) : null;
        if (columns is null)
        {
            return new UpsertResult(null, null, entityId);
        }

        var row = new DataverseRow(await ReadObjectAsync(response, ct).ConfigureAwait(false));
        return new UpsertResult(response.StatusCode == HttpStatusCode.Created, row, entityId);
    }

    public async Task<bool> DeleteAsync(DataverseTable table, DataverseKey key, string? ifMatchEtag = null, CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Delete, key.ToPath(table));
        if (ifMatchEtag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatchEtag);
        }

        using var response = await SendAsync(request, ct, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode != HttpStatusCode.NotFound;
    }

    public Task<BatchResult> ExecuteBatchAsync(IEnumerable<BatchItem> items, BatchOptions? batchOptions = null, CancellationToken ct = default) =>
        new DataverseBatchExecutor(this, batchOptions ?? new BatchOptions()).ExecuteAsync(items.ToList(), ct);

    public async Task<ChangeTrackingResult> StartChangeTrackingAsync(DataverseTable table, IEnumerable<string> columns, int? pageSize = null,
        CancellationToken ct = default)
    {
        var query = DataverseQuery.From(table).Select([.. columns]);
        return await ReadChangesAsync(new Uri(endpoint.WebApiUrl, query.ToRelativeUrl()), trackChanges: true, pageSize, ct).ConfigureAwait(false);
    }

    public Task<ChangeTrackingResult> GetChangesAsync(string deltaLink, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deltaLink);
        return ReadChangesAsync(new Uri(deltaLink, UriKind.Absolute), trackChanges: false, null, ct);
    }

    private async Task<ChangeTrackingResult> ReadChangesAsync(Uri url, bool trackChanges, int? pageSize, CancellationToken ct)
    {
        var changed = new List<DataverseRow>();
        var deleted = new List<Guid>();
        string? deltaLink = null;
        Uri? next = url;
        while (next is not null)
        {
            using var request = NewRequest(HttpMethod.Get, next);
            if (trackChanges)
            {
                request.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
            }

            AddPageSize(request, pageSize);
            JsonObject json;
            using (var response = await SendAsync(request, ct).ConfigureAwait(false))
            {
                json = await ReadObjectAsync(response, ct).ConfigureAwait(false);
            }

            foreach (var entry in json["value"]?.AsArray() ?? [])
            {
                if (entry is not JsonObject obj)
                {
                    continue;
                }

                var context = obj["@odata.context"]?.GetValue<string>();
                if (context?.EndsWith("$deletedEntity", StringComparison.Ordinal) == true || obj.ContainsKey("@removed"))
                {
                    deleted.Add(Guid.Parse((obj["id"] ?? obj["@id"])!.GetValue<string>()));
                }
                else
                {
                    changed.Add(new DataverseRow(obj));
                }
            }

            deltaLink = json["@odata.deltaLink"]?.GetValue<string>() ?? deltaLink;
            next = json["@odata.nextLink"]?.GetValue<string>() is { } link ? new Uri(link, UriKind.Absolute) : null;
        }

        // An empty delta may come without a new link; the old one stays valid (reference §4.1).
        deltaLink ??= trackChanges
            ? throw new DataverseException(null, null, "Dataverse returned no @odata.deltaLink; is change tracking enabled for this table?")
            : url.OriginalString;
        return new ChangeTrackingResult(changed, deleted, deltaLink);
    }

    internal Uri WebApiUrl => endpoint.WebApiUrl;

    internal DataverseOptions Options => options.CurrentValue;

    internal DataverseThrottleGate Gate => gate;

    internal HttpRequestMessage NewRequest(HttpMethod method, string relativeUrl, byte[]? body = null) =>
        NewRequest(method, new Uri(endpoint.WebApiUrl, relativeUrl), body);

    internal static HttpRequestMessage NewRequest(HttpMethod method, Uri url, byte[]? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        if (method == HttpMethod.Get)
        {
            // Defeats caching of expanded collections (reference §1.2); not a valid ETag, hence without validation.
            request.Headers.TryAddWithoutValidation("If-None-Match", "null");
        }

        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
        }

        return request;
    }

    /// <summary>Sends through the handler chain; non-success answers (except <paramref name="accepted"/>) become DataverseException.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, params HttpStatusCode[] accepted)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException
                                   || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new DataverseException(null, null, $"Dataverse did not answer {request.Method} {request.RequestUri?.AbsolutePath}: {ex.Message}", ex);
        }

        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            return response;
        }

        using (response)
        {
            var error = await DataverseErrorReader.ReadAsync(response, ct).ConfigureAwait(false);
            logger.LogDebug("Dataverse {Method} {Path} failed: {Status} {Code} {Message} (REQ_ID {RequestId})",
                request.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, error.ErrorCode, error.Message, error.RequestId);
            throw error;
        }
    }

    internal static bool WasRetried(HttpRequestMessage request) =>
        request.Options.TryGetValue(DataverseTrafficHandler.AttemptKey, out var attempts) && attempts > 1;

    private static bool IsOwnEarlierCreate(DataverseException ex, HttpRequestMessage request) =>
        ex.ErrorCode == DataverseErrorCodes.DuplicateRecord && WasRetried(request);

    /// <summary>The create body with the primary key set: from <paramref name="id"/>, the record, or a new GUID.</summary>
    internal static (byte[] Body, Guid Id) CreateBody(DataverseTable table, JsonObject record, Guid? id)
    {
        ArgumentNullException.ThrowIfNull(record);
        var existing = record[table.PrimaryKey]?.GetValue<string>() is { } s ? Guid.Parse(s) : (Guid?)null;
        if (id is not null && existing is not null && id != existing)
        {
            throw new ArgumentException($"The record's {table.PrimaryKey} differs from the id argument.", nameof(id));
        }

        // Client-generated keys make creates retry-safe (reference §3.1, §9.2).
        var newId = id ?? existing ?? Guid.CreateVersion7();
        return (Serialize(record, table.PrimaryKey, newId), newId);
    }

    /// <summary>UTF-8 JSON of <paramref name="record"/>, optionally with a primary key written first; the record is not modified.</summary>
    internal static byte[] Serialize(JsonObject record, string? primaryKey = null, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        // One buffer and writer per thread, reset for each body: a batch of a thousand creates serialises a thousand
        // bodies, and a new writer and buffer for each were most of what it allocated per operation.
        var buffer = t_serializeBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(256);
        var writer = t_serializeWriter ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            if (primaryKey is not null && id is { } key)
            {
                writer.WriteString(primaryKey, key);
            }

            foreach (var (name, value) in record)
            {
                if (primaryKey is not null && string.Equals(name, primaryKey, StringComparison.Ordinal))
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // A huge body should not stay referenced by the thread.
            if (buffer.Capacity > 64 * 1024)
            {
                t_serializeBuffer = null;
                t_serializeWriter = null;
            }
        }
    }

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_serializeBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_serializeWriter;

    internal static IReadOnlyList<KeyValuePair<string, string>> UpsertHeaders(UpsertMode mode) => mode switch
    {
        UpsertMode.CreateOnly => [KeyValuePair.Create("If-None-Match", "*")],
        UpsertMode.UpdateOnly => [KeyValuePair.Create("If-Match", "*")],
        _ => [],
    };

    internal static Guid? EntityIdFromHeader(HttpResponseMessage response) =>
        response.Headers.TryGetValues("OData-EntityId", out var values) ? GuidFromEntityId(values.First()) : null;

    internal static Guid? GuidFromEntityId(string? entityId)
    {
        if (entityId is null)
        {
            return null;
        }

        var open = entityId.LastIndexOf('(');
        var close = entityId.LastIndexOf(')');
        return open >= 0 && close > open && Guid.TryParse(entityId.AsSpan(open + 1, close - open - 1), out var id) ? id : null;
    }

    private static string SelectQuery(IEnumerable<string>? columns)
    {
        var list = columns?.Select(ODataLiteral.Name).ToList();
        return list is { Count: > 0 } ? "?$select=" + string.Join(",", list) : "";
    }

    private static void AddPageSize(HttpRequestMessage request, int? pageSize)
    {
        if (pageSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(pageSize));
            request.Headers.TryAddWithoutValidation("Prefer", $"odata.maxpagesize={Math.Min(size, 5000)}");
        }
    }

    private static List<DataverseRow> Rows(JsonObject json) =>
        (json["value"]?.AsArray() ?? []).OfType<JsonObject>().Select(o => new DataverseRow(o)).ToList();

    internal static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return JsonNode.Parse(bytes) as JsonObject ?? throw new DataverseException(response.StatusCode, null, "Dataverse returned a body that is not a JSON object.");
    }
}
