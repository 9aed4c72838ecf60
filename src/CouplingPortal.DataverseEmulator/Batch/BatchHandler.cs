using System.Net;
using CouplingPortal.DataverseEmulator.Storage;
using CouplingPortal.DataverseEmulator.WebApi;
using Microsoft.AspNetCore.WebUtilities;

namespace CouplingPortal.DataverseEmulator.Batch;

/// <summary>
/// $batch: runs independent requests one by one and each changeset atomically in one store transaction, then answers
/// with a multipart/mixed body of application/http parts (batchresponse_/changesetresponse_ boundaries).
/// Without Prefer: odata.continue-on-error it stops at the first failure (outer 400); with it, the outer status is 200.
/// A failed changeset is answered by one part: the failing request's error.
/// </summary>
internal sealed class BatchHandler(DataverseStore store, WebApiHandler handler)
{
    public const int MaxOperations = 1000;

    private sealed class ChangesetFailed(EmulatorResponse response, string? contentId) : Exception
    {
        public EmulatorResponse Response { get; } = response;
        public string? ContentId { get; } = contentId;
    }

    public EmulatorResponse Handle(EmulatorRequest outer, string environmentBase, string? contentType)
    {
        var prefer = PreferHeader.Parse(outer.Header("Prefer"));
        try
        {
            return Run(outer, environmentBase, contentType, prefer);
        }
        catch (DataverseException e)
        {
            return EmulatorResponse.Error(e, prefer.Annotations);
        }
    }

    private EmulatorResponse Run(EmulatorRequest outer, string environmentBase, string? contentType, PreferHeader prefer)
    {
        if (outer.Method != "POST") throw DataverseErrors.MethodNotAllowed(outer.Method);
        outer.Caller = handler.ResolveCaller(outer);
        var boundary = MultipartParser.Boundary(contentType);
        if (contentType is null || !contentType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase) || boundary is null)
            throw DataverseErrors.BadRequest("The $batch request must have Content-Type multipart/mixed with a boundary.");
        List<(EmbeddedRequest? Single, List<EmbeddedRequest>? Changeset)> items = [];
        try
        {
            var body = outer.BodyUtf8 ?? System.Text.Encoding.UTF8.GetBytes(outer.Body ?? "");
            var lastTarget = new MultipartParser.LastTarget();
            foreach (var part in MultipartParser.Parse(body, boundary))
            {
                var partType = part.ContentType ?? "";
                if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                {
                    var inner = MultipartParser.Boundary(partType) ?? throw new FormatException("A changeset part has no boundary.");
                    var nested = MultipartParser.Parse(part.Content, inner);
                    if (nested.Any(p => (p.ContentType ?? "").StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)))
                        throw DataverseErrors.BadRequest("Changesets cannot be nested.");
                    items.Add((null, nested.Select(p => MultipartParser.ParseRequest(p, lastTarget)).ToList()));
                }
                else
                    items.Add((MultipartParser.ParseRequest(part, lastTarget), null));
            }
        }
        catch (FormatException e)
        {
            throw DataverseErrors.BadRequest("The $batch request body is not valid: " + e.Message);
        }
        var operations = items.Sum(i => i.Changeset?.Count ?? 1);
        if (operations > MaxOperations)
            throw DataverseErrors.BadRequest($"The number of requests in the batch ({operations}) exceeds the maximum of {MaxOperations}.", DataverseErrors.InvalidArgument);

        var batchBoundary = "batchresponse_" + Guid.NewGuid().ToString("D");
        // UTF-8 straight into a pooled array that the engine writes to the response and then returns to the pool.
        var sb = new PooledUtf8Buffer();
        var failed = false;
        // No lock for the whole batch: each operation outside a changeset takes the store lock only for its own
        // minimal locked part (its parsing and row building run before), so parallel batches overlap. A run of
        // independent creates is built first and then committed under one lock acquisition, each create in its own
        // transaction: the same outcome as one by one, without taking a contended lock a thousand times.
        var creates = new List<(WebApiHandler.PendingCreate Create, string? ContentId)>();
        var targets = new TargetCache();
        for (var index = 0; index < items.Count; index++)
        {
            var (single, changeset) = items[index];
            if (single is not null && !(single.Method == "POST" && IsBatchPath(single.Target))
                && handler.TryBeginBatchedCreate(ToRequest(outer, environmentBase, single, null, null, targets)) is { } first)
            {
                creates.Add((first, single.ContentId));
                while (index + 1 < items.Count && items[index + 1].Single is { } next && !IsBatchPath(next.Target)
                       && handler.TryBeginBatchedCreate(ToRequest(outer, environmentBase, next, null, null, targets)) is { } pending)
                {
                    creates.Add((pending, next.ContentId));
                    index++;
                }
                failed |= CommitCreates(sb, batchBoundary, creates, prefer.ContinueOnError);
                if (failed && !prefer.ContinueOnError) break;
                continue;
            }
            if (single is not null)
            {
                var response = single.Method == "POST" && IsBatchPath(single.Target)
                    ? EmulatorResponse.Error(DataverseErrors.BadRequest("Batch requests cannot be nested."), prefer.Annotations)
                    : handler.Handle(ToRequest(outer, environmentBase, single, null, null, targets));
                AppendPart(sb, batchBoundary, response, single.ContentId);
                if (response.Status >= 400) failed = true;
            }
            else
            {
                var result = RunChangeset(outer, environmentBase, changeset!);
                if (result.Failure is { } failure)
                {
                    AppendPart(sb, batchBoundary, failure.Response, failure.ContentId);
                    failed = true;
                }
                else
                {
                    var csBoundary = "changesetresponse_" + Guid.NewGuid().ToString("D");
                    sb.Append("--").Append(batchBoundary).Append("\r\n");
                    sb.Append("Content-Type: multipart/mixed; boundary=").Append(csBoundary).Append("\r\n\r\n");
                    foreach (var (response, contentId) in result.Responses) AppendPart(sb, csBoundary, response, contentId);
                    sb.Append("--").Append(csBoundary).Append("--\r\n");
                }
            }
            if (failed && !prefer.ContinueOnError) break;
        }
        sb.Append("--").Append(batchBoundary).Append("--\r\n");
        var outerStatus = failed && !prefer.ContinueOnError ? 400 : 200;
        var batchResponse = new EmulatorResponse { Status = outerStatus, BodyBytes = sb, ContentType = "multipart/mixed; boundary=" + batchBoundary };
        if (prefer.ContinueOnError) batchResponse.With("Preference-Applied", "odata.continue-on-error");
        return batchResponse;
    }

    /// <summary>
    /// Commits a run of begun creates in order under one store lock, each in its own transaction, stopping after the
    /// first failure unless continue-on-error; appends the parts of those that ran. Returns whether one failed.
    /// </summary>
    private bool CommitCreates(PooledUtf8Buffer sb, string boundary, List<(WebApiHandler.PendingCreate Create, string? ContentId)> creates, bool continueOnError)
    {
        try
        {
            var ran = creates.Count;
            lock (store.SyncRoot)
            {
                for (var i = 0; i < creates.Count; i++)
                {
                    var create = creates[i].Create;
                    handler.CommitBatchedCreate(create);
                    if (create.Response is { Status: >= 400 } && !continueOnError)
                    {
                        ran = i + 1;
                        break;
                    }
                }
            }
            var failed = false;
            for (var i = 0; i < ran; i++)
            {
                if (creates[i].Create is { Response: null, Row: { } row } created)
                {
                    AppendCreatedPart(sb, boundary, created.Request.ApiRoot, created.Table.Definition.EntitySetName, row.Id, creates[i].ContentId);
                    continue;
                }
                var response = handler.CreatedResponse(creates[i].Create);
                AppendPart(sb, boundary, response, creates[i].ContentId);
                if (response.Status >= 400) failed = true;
            }
            return failed;
        }
        finally
        {
            foreach (var (create, _) in creates) create.Dispose();
            creates.Clear();
        }
    }

    private static bool IsBatchPath(string target) => target.TrimEnd('/').EndsWith("$batch", StringComparison.Ordinal);

    private (List<(EmulatorResponse, string?)> Responses, ChangesetFailed? Failure) RunChangeset(EmulatorRequest outer, string environmentBase, List<EmbeddedRequest> requests)
    {
        var responses = new List<(EmulatorResponse, string?)>();
        try
        {
            store.Write(tx =>
            {
                var contentIds = new Dictionary<string, EntityReference>(StringComparer.Ordinal);
                var contentUrls = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var request in requests)
                {
                    if (request.Method == "GET")
                        throw new ChangesetFailed(EmulatorResponse.Error(DataverseErrors.BadRequest("GET requests are not allowed inside a changeset."), AnnotationFilter.None), request.ContentId);
                    var target = request.Target;
                    if (target.StartsWith('$'))
                    {
                        var slash = target.IndexOf('/');
                        var id = slash < 0 ? target : target[..slash];
                        if (!contentUrls.TryGetValue(id, out var url))
                            throw new ChangesetFailed(EmulatorResponse.Error(DataverseErrors.BadRequest($"Content-ID Reference: '{id}' does not exist in the batch context."), AnnotationFilter.None), request.ContentId);
                        target = url + (slash < 0 ? "" : target[slash..]);
                    }
                    var response = handler.Handle(ToRequest(outer, environmentBase, request with { Target = target }, tx, contentIds));
                    if (response.Status >= 400) throw new ChangesetFailed(response, request.ContentId);
                    if (request.ContentId is { } cid && response.Entity is { } entity)
                    {
                        contentIds["$" + cid] = entity;
                        if (response.EntityUrl is { } entityUrl) contentUrls["$" + cid] = entityUrl;
                    }
                    responses.Add((response, request.ContentId));
                }
                return 0;
            });
            return (responses, null);
        }
        catch (ChangesetFailed failure)
        {
            return ([], failure);
        }
    }

    /// <summary>The split URL of the previous operation: the operations of a batch mostly share one (same string instance).</summary>
    private sealed class TargetCache
    {
        public string? Target;
        public string Path = "";
        public string RawQuery = "";
        public IReadOnlyDictionary<string, string> Query = null!;
        public string ApiRoot = "";
    }

    private static EmulatorRequest ToRequest(EmulatorRequest outer, string environmentBase, EmbeddedRequest request, StoreTransaction? tx,
        IReadOnlyDictionary<string, EntityReference>? contentIds, TargetCache? cache = null)
    {
        if (cache is null || !ReferenceEquals(cache.Target, request.Target))
        {
            WebApiPaths.TrySplit(request.Target, out var version, out var path, out var rawQuery);
            var parsed = new TargetCache
            {
                Path = Uri.UnescapeDataString(path),
                RawQuery = rawQuery,
                Query = WebApiPaths.ParseQuery(rawQuery),
                ApiRoot = outer.ApiRoot.EndsWith(version + "/", StringComparison.Ordinal) ? outer.ApiRoot : environmentBase + "api/data/" + version + "/",
            };
            if (cache is null) cache = parsed;
            else (cache.Target, cache.Path, cache.RawQuery, cache.Query, cache.ApiRoot) = (request.Target, parsed.Path, parsed.RawQuery, parsed.Query, parsed.ApiRoot);
        }
        return new EmulatorRequest
        {
            Method = request.Method,
            Path = cache.Path,
            RawQuery = cache.RawQuery,
            Query = cache.Query,
            Headers = request.Headers,
            BodyUtf8 = request.Body,
            ApiRoot = cache.ApiRoot,
            Caller = outer.Caller,
            Transaction = tx,
            ContentIds = contentIds,
        };
    }

    /// <summary>
    /// The part of a create answered 204, written straight from the row's id: the bytes <see cref="AppendPart"/> writes
    /// for <see cref="WebApiHandler.CreatedResponse"/> (Location and OData-EntityId carry the row's URL), without
    /// building the response object, its header list and the URL string for each of a thousand creates.
    /// </summary>
    private static void AppendCreatedPart(PooledUtf8Buffer sb, string boundary, string apiRoot, string entitySet, Guid id, string? contentId)
    {
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null) sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
        sb.Append("\r\nHTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nLocation: ");
        sb.Append(apiRoot).Append(entitySet).Append('(').Append(id).Append(")\r\nOData-EntityId: ");
        sb.Append(apiRoot).Append(entitySet).Append('(').Append(id).Append(")\r\n\r\n");
    }

    private static void AppendPart(PooledUtf8Buffer sb, string boundary, EmulatorResponse response, string? contentId)
    {
        sb.Append("--").Append(boundary).Append("\r\n");
        sb.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId is not null) sb.Append("Content-ID: ").Append(contentId).Append("\r\n");
        sb.Append("\r\n");
        sb.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(ReasonPhrases.GetReasonPhrase(response.Status)).Append("\r\n");
        if (response.ContentType is not null) sb.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
        sb.Append("OData-Version: 4.0\r\n");
        if (response.Status == (int)HttpStatusCode.NoContent && response.EntityUrl is { } location && response.Headers.Count > 0 && response.Headers[0].Key == "OData-EntityId")
            sb.Append("Location: ").Append(location).Append("\r\n");
        foreach (var (name, value) in response.Headers) sb.Append(name).Append(": ").Append(value).Append("\r\n");
        sb.Append("\r\n");
        if (response.Body is not null) sb.Append(response.Body).Append("\r\n");
    }
}
