using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Querying;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>Routes one Web API request (outside or inside $batch) to reads and writes on the store, answering as Dataverse does.</summary>
internal sealed class WebApiHandler(DataverseStore store, DataverseEmulatorOptions options, TimeProvider clock)
{
    private const int MaxPageSize = 5000;

    public EmulatorResponse Handle(EmulatorRequest req)
    {
        var prefer = PreferHeader.Parse(req.Header("Prefer"));
        try
        {
            req.Caller = ResolveCaller(req);
            return Dispatch(req, prefer);
        }
        catch (DataverseException e)
        {
            return EmulatorResponse.Error(e, prefer.Annotations);
        }
    }

    private EmulatorResponse Dispatch(EmulatorRequest req, PreferHeader prefer)
    {
        var path = req.Path.TrimEnd('/');
        switch (path)
        {
            case "":
                RequireMethod(req, "GET");
                return ServiceDocument(req);
            case "$metadata":
                RequireMethod(req, "GET");
                return new EmulatorResponse { Status = 200, Body = CsdlDocument.Build(store.Metadata), ContentType = "application/xml" };
            case "WhoAmI":
            case "WhoAmI()":
                RequireMethod(req, "GET");
                return WhoAmI(req);
            case "$batch":
                throw DataverseErrors.BadRequest("Batch requests cannot be nested.");
        }

        var nameEnd = path.IndexOfAny(['(', '/']);
        var setName = nameEnd < 0 ? path : path[..nameEnd];
        var table = store.TableBySet(setName) ?? throw DataverseErrors.ResourceNotFound(setName);
        var def = table.Definition;
        var rest = nameEnd < 0 ? "" : path[nameEnd..];

        if (rest.Length == 0)
        {
            return req.Method switch
            {
                "GET" => Query(req, table, prefer),
                "POST" => Create(req, table, prefer),
                _ => throw DataverseErrors.MethodNotAllowed(req.Method),
            };
        }
        if (rest == "/$count")
        {
            RequireMethod(req, "GET");
            return Count(req, table);
        }
        if (rest[0] != '(') throw DataverseErrors.ResourceNotFound(rest.TrimStart('/'));
        var close = WebApiPaths.MatchingParen(rest, 0);
        if (close < 0) throw KeySegment.InvalidKey(def);
        var key = KeySegment.Parse(def, rest[1..close]);
        var after = rest[(close + 1)..];
        if (after.Length == 0)
        {
            return req.Method switch
            {
                "GET" => Retrieve(req, table, key, prefer),
                "PATCH" => Upsert(req, table, key, prefer),
                "DELETE" => Delete(req, table, key),
                _ => throw DataverseErrors.MethodNotAllowed(req.Method),
            };
        }
        var segments = after.TrimStart('/').Split('/');
        if (segments.Length == 2 && segments[1] == "$ref") return Reference(req, table, key, segments[0]);
        if (segments.Length == 1) return Property(req, table, key, segments[0]);
        throw DataverseErrors.ResourceNotFound(after.TrimStart('/'));
    }

    /// <summary>Impersonation: MSCRMCallerID (systemuserid) or CallerObjectId (Entra object id) acts as that systemuser.</summary>
    internal Guid ResolveCaller(EmulatorRequest req)
    {
        var byId = req.Header("MSCRMCallerID");
        var byObjectId = req.Header("CallerObjectId");
        if (byId is null && byObjectId is null) return req.Caller;
        var users = store.Table("systemuser");
        if (!Guid.TryParse(byId ?? byObjectId, out var id))
            throw DataverseErrors.BadRequest($"The {(byId is not null ? "MSCRMCallerID" : "CallerObjectId")} header must be a GUID.", DataverseErrors.InvalidArgument);
        return store.Read(() =>
        {
            if (byId is not null)
                return users.Rows.ContainsKey(id) ? id : throw DataverseErrors.NotFound("systemuser", id);
            var match = users.Rows.Values.FirstOrDefault(u => u.Get("azureactivedirectoryobjectid") is Guid g && g == id);
            return match?.Id ?? throw new DataverseException(HttpStatusCode.NotFound, DataverseErrors.ObjectDoesNotExist, $"No systemuser has azureactivedirectoryobjectid {id}.");
        });
    }

    private static void RequireMethod(EmulatorRequest req, string method)
    {
        if (req.Method != method) throw DataverseErrors.MethodNotAllowed(req.Method);
    }

    private T InTransaction<T>(EmulatorRequest req, Func<StoreTransaction, T> work) =>
        req.Transaction is { } tx ? work(tx) : store.Write(work);

    private EmulatorResponse ServiceDocument(EmulatorRequest req)
    {
        var body = EntityJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", req.ApiRoot + "$metadata");
            w.WriteStartArray("value");
            foreach (var t in store.Metadata.Tables)
            {
                w.WriteStartObject();
                w.WriteString("name", t.EntitySetName);
                w.WriteString("kind", "EntitySet");
                w.WriteString("url", t.EntitySetName);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return EmulatorResponse.Json(200, body);
    }

    private EmulatorResponse WhoAmI(EmulatorRequest req)
    {
        var body = EntityJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", req.ApiRoot + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            w.WriteString("BusinessUnitId", options.BusinessUnitId.ToString("D"));
            w.WriteString("UserId", req.Caller.ToString("D"));
            w.WriteString("OrganizationId", options.OrganizationId.ToString("D"));
            w.WriteEndObject();
        });
        return EmulatorResponse.Json(200, body);
    }

    // ---------------------------------------------------------------- reads

    private EmulatorResponse Query(EmulatorRequest req, TableData table, PreferHeader prefer)
    {
        var def = table.Definition;
        var q = QueryOptions.Parse(req.Query, def);
        if (q.DeltaToken is not null) return Delta(req, table, q, prefer);
        var order = new RowOrder(q.OrderBy);
        var after = q.SkipToken is null ? null : PagingToken.Decode(q.SkipToken, order.Keys.Count);
        var tracking = prefer.TrackChanges || after?.TrackingVersion is not null;
        if (tracking) RequireChangeTracking(def, q);
        var pageSize = Math.Min(prefer.MaxPageSize ?? options.DefaultMaxPageSize, MaxPageSize);
        var take = q.Top is { } top ? Math.Min(top, MaxPageSize) : pageSize;
        var columns = EntityJson.ResponseColumns(def, q.Select);
        var context = req.ApiRoot + "$metadata#" + def.EntitySetName + SelectSuffix(q);

        var response = store.Read(() =>
        {
            long? trackingVersion = tracking ? after?.TrackingVersion ?? store.CurrentVersion : null;
            var page = QueryRunner.Run(table, q.Filter, order, after, take);
            var hasMore = page.HasMore && q.Top is null;
            var next = hasMore
                ? Link(req, def, "$skiptoken", new PagingToken((after?.PageNumber ?? 1) + 1, order.Position(page.Rows[^1]), page.Rows[^1].Id, trackingVersion).Encode(def.PrimaryIdAttribute))
                : null;
            var delta = trackingVersion is { } v && !hasMore ? Link(req, def, "$deltatoken", DeltaToken(v)) : null;
            var body = EntityJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("@odata.context", context);
                if (q.Count) w.WriteNumber("@odata.count", Math.Min(page.Total, QueryRunner.CountLimit));
                if (prefer.Annotations.Includes(AnnotationFilter.TotalRecordCount))
                    w.WriteNumber("@" + AnnotationFilter.TotalRecordCount, q.Count ? Math.Min(page.Total, QueryRunner.CountLimit) : -1);
                if (prefer.Annotations.Includes(AnnotationFilter.TotalRecordCountLimitExceeded))
                    w.WriteBoolean("@" + AnnotationFilter.TotalRecordCountLimitExceeded, q.Count && page.Total > QueryRunner.CountLimit);
                w.WriteStartArray("value");
                foreach (var row in page.Rows)
                {
                    w.WriteStartObject();
                    EntityJson.WriteEntityBody(w, store, def, row, columns, prefer.Annotations);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (next is not null) w.WriteString("@odata.nextLink", next);
                if (delta is not null) w.WriteString("@odata.deltaLink", delta);
                w.WriteEndObject();
            });
            return EmulatorResponse.Json(200, body);
        });
        var applied = new List<string>();
        if (prefer.MaxPageSize is { } max) applied.Add("odata.maxpagesize=" + Math.Min(max, MaxPageSize));
        if (prefer.TrackChanges) applied.Add("odata.track-changes");
        if (prefer.IncludeAnnotationsRaw is { } a) applied.Add($"odata.include-annotations=\"{a}\"");
        if (applied.Count > 0) response.With("Preference-Applied", string.Join(",", applied));
        return response;
    }

    private static string SelectSuffix(QueryOptions q) => q.SelectNames is null ? "" : "(" + string.Join(",", q.SelectNames) + ")";

    private static void RequireChangeTracking(TableDefinition def, QueryOptions q)
    {
        if (q.HasFilter) throw DataverseErrors.BadRequest("The $filter query option can't be used with change tracking (Prefer: odata.track-changes).");
        if (q.HasOrderBy) throw DataverseErrors.BadRequest("The $orderby query option can't be used with change tracking (Prefer: odata.track-changes).");
        if (q.Top is not null) throw DataverseErrors.BadRequest("The $top query option can't be used with change tracking (Prefer: odata.track-changes).");
        if (!def.ChangeTrackingEnabled)
            throw DataverseErrors.BadRequest($"Entity {def.LogicalName} isn't enabled for change tracking.", DataverseErrors.ChangeTrackingNotEnabled);
    }

    /// <summary>Absolute link: the request's own query options (as sent), minus paging/delta tokens, plus the new token.</summary>
    private static string Link(EmulatorRequest req, TableDefinition def, string option, string token)
    {
        var kept = req.RawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsOption(p, "$skiptoken") && !IsOption(p, "$deltatoken"));
        var query = string.Join("&", kept.Append(option + "=" + Uri.EscapeDataString(token)));
        return req.ApiRoot + def.EntitySetName + "?" + query;
    }

    private static bool IsOption(string part, string name)
    {
        var eq = part.IndexOf('=');
        var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
        return key == name;
    }

    private string DeltaToken(long version) =>
        version.ToString(CultureInfo.InvariantCulture) + "!" + clock.GetUtcNow().UtcDateTime.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private long ParseDeltaToken(string token)
    {
        var bang = token.IndexOf('!');
        if (bang <= 0 || !long.TryParse(token[..bang], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !DateTime.TryParseExact(token[(bang + 1)..], "MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var issued))
            throw DataverseErrors.BadRequest("The $deltatoken is not valid.", DataverseErrors.InvalidArgument);
        if (clock.GetUtcNow().UtcDateTime - issued > TimeSpan.FromDays(options.ChangeTrackingExpiryDays) || version < store.ResetVersion)
            throw DataverseErrors.BadRequest("Version stamp associated with the client has expired. Please perform a full sync.", DataverseErrors.ExpiredVersionStamp);
        return version;
    }

    /// <summary>Rows changed after the token's version (current images, by version) and then deleted rows.</summary>
    private (List<EntityRow> Changed, List<Guid> Deleted) ChangesSince(TableData table, long version)
    {
        var changes = table.Changes;
        int lo = 0, hi = changes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (changes[mid].Version <= version) lo = mid + 1; else hi = mid;
        }
        var last = new Dictionary<Guid, ChangeEntry>();
        for (var i = lo; i < changes.Count; i++) last[changes[i].Id] = changes[i];
        var changed = new List<EntityRow>();
        var deleted = new List<Guid>();
        foreach (var entry in last.Values.OrderBy(e => e.Version))
        {
            if (!entry.Deleted && table.Rows.TryGetValue(entry.Id, out var row)) changed.Add(row);
            else if (entry.Deleted) deleted.Add(entry.Id);
        }
        return (changed, deleted);
    }

    private EmulatorResponse Delta(EmulatorRequest req, TableData table, QueryOptions q, PreferHeader prefer)
    {
        var def = table.Definition;
        RequireChangeTracking(def, q);
        var version = ParseDeltaToken(q.DeltaToken!);
        var columns = EntityJson.ResponseColumns(def, q.Select);
        return store.Read(() =>
        {
            var current = store.CurrentVersion;
            var (changed, deleted) = ChangesSince(table, version);
            var body = EntityJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("@odata.context", req.ApiRoot + "$metadata#" + def.EntitySetName + SelectSuffix(q) + "/$delta");
                w.WriteString("@odata.deltaLink", Link(req, def, "$deltatoken", DeltaToken(current)));
                w.WriteStartArray("value");
                foreach (var row in changed)
                {
                    w.WriteStartObject();
                    EntityJson.WriteEntityBody(w, store, def, row, columns, prefer.Annotations);
                    w.WriteEndObject();
                }
                foreach (var id in deleted)
                {
                    w.WriteStartObject();
                    w.WriteString("@odata.context", req.ApiRoot + "$metadata#" + def.EntitySetName + "/$deletedEntity");
                    w.WriteString("id", id.ToString("D"));
                    w.WriteString("reason", "deleted");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            });
            return EmulatorResponse.Json(200, body);
        });
    }

    private EmulatorResponse Count(EmulatorRequest req, TableData table)
    {
        var q = QueryOptions.Parse(req.Query, table.Definition);
        var count = store.Read(() =>
        {
            if (q.DeltaToken is not null)
            {
                RequireChangeTracking(table.Definition, q);
                var (changed, deleted) = ChangesSince(table, ParseDeltaToken(q.DeltaToken));
                return changed.Count + deleted.Count;
            }
            var n = q.Filter is null ? table.Rows.Count : table.Rows.Values.Count(q.Filter.Matches);
            return Math.Min(n, QueryRunner.CountLimit);
        });
        return new EmulatorResponse { Status = 200, Body = count.ToString(CultureInfo.InvariantCulture), ContentType = "text/plain" };
    }

    private EmulatorResponse Retrieve(EmulatorRequest req, TableData table, ParsedKey key, PreferHeader prefer)
    {
        var def = table.Definition;
        var (select, names) = QueryOptions.ParseSelect(req.Query.GetValueOrDefault("$select"), def);
        foreach (var option in req.Query.Keys.Where(k => k.StartsWith('$') && k != "$select"))
            throw DataverseErrors.BadRequest($"The query parameter '{option}' is not supported when retrieving a single record.");
        return store.Read(() =>
        {
            var row = KeySegment.Find(table, key) ?? throw KeySegment.NotFound(def, key);
            var etag = EntityJson.ETag(row);
            if (req.Header("If-None-Match") is { } inm && inm == etag && !prefer.Annotations.Any)
                return new EmulatorResponse { Status = 304 }.With("ETag", etag);
            return EntityResponse(req, table, row, select, names, prefer, 200);
        });
    }

    private EmulatorResponse EntityResponse(EmulatorRequest req, TableData table, EntityRow row, IReadOnlyList<ColumnDefinition>? select,
        IReadOnlyList<string>? names, PreferHeader prefer, int status)
    {
        var def = table.Definition;
        var columns = EntityJson.ResponseColumns(def, select);
        var context = req.ApiRoot + "$metadata#" + def.EntitySetName + (names is null ? "" : "(" + string.Join(",", names) + ")") + "/$entity";
        var body = EntityJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", context);
            EntityJson.WriteEntityBody(w, store, def, row, columns, prefer.Annotations);
            w.WriteEndObject();
        });
        var response = new EmulatorResponse
        {
            Status = status, Body = body, ContentType = EmulatorResponse.JsonContentType,
            Entity = new EntityReference(def.LogicalName, row.Id), EntityUrl = EntityUrl(req, def, row.Id),
        };
        response.With("ETag", EntityJson.ETag(row));
        return response;
    }

    private static string EntityUrl(EmulatorRequest req, TableDefinition def, Guid id) => $"{req.ApiRoot}{def.EntitySetName}({id:D})";

    // ---------------------------------------------------------------- writes

    /// <summary>Parses the JSON body; the caller disposes the document once the values are read out of it.</summary>
    private static JsonDocument ReadBody(EmulatorRequest req)
    {
        // A $batch part's body is a UTF-8 slice of the batch and is parsed as such; one that starts with a non-ASCII
        // character (whitespace beyond ASCII included) is decoded to text first, as a body outside $batch is.
        var utf8 = req.BodyUtf8;
        var text = req.Body;
        if (utf8 is { } bytes)
        {
            var first = bytes.Span.IndexOfAnyExcept(" \t\r\n\v\f"u8);
            if (first < 0) throw DataverseErrors.BadRequest("The request body is empty; a JSON object is required.");
            if (bytes.Span[first] >= 0x80)
            {
                text = Encoding.UTF8.GetString(bytes.Span);
                utf8 = null;
            }
        }
        if (utf8 is null && string.IsNullOrWhiteSpace(text)) throw DataverseErrors.BadRequest("The request body is empty; a JSON object is required.");
        JsonDocument body;
        try
        {
            body = utf8 is { } json ? JsonDocument.Parse(json) : JsonDocument.Parse(text!);
        }
        catch (JsonException e)
        {
            throw DataverseErrors.BadRequest("The request body is not valid JSON: " + e.Message);
        }
        if (body.RootElement.ValueKind == JsonValueKind.Object) return body;
        body.Dispose();
        throw DataverseErrors.BadRequest("The request body must be a JSON object.");
    }

    private EmulatorResponse WriteResult(EmulatorRequest req, TableData table, EntityRow row, PreferHeader prefer, bool created, string entityIdHeader)
    {
        if (prefer.ReturnRepresentation)
        {
            var (select, names) = QueryOptions.ParseSelect(req.Query.GetValueOrDefault("$select"), table.Definition);
            return EntityResponse(req, table, row, select, names, prefer, created ? 201 : 200).With("Preference-Applied", "return=representation");
        }
        var response = new EmulatorResponse
        {
            Status = 204, Entity = new EntityReference(table.Definition.LogicalName, row.Id),
            EntityUrl = created && entityIdHeader.Length > 38 && entityIdHeader[^1] == ')' && Guid.TryParse(entityIdHeader.AsSpan(entityIdHeader.Length - 37, 36), out var g) && g == row.Id
                ? entityIdHeader : EntityUrl(req, table.Definition, row.Id),
        };
        return response.With("OData-EntityId", entityIdHeader);
    }

    private EmulatorResponse Create(EmulatorRequest req, TableData table, PreferHeader prefer)
    {
        using var pending = BeginCreate(req, table, prefer);
        InTransaction(req, tx => CommitCreate(pending, tx));
        return CreatedResponse(pending);
    }

    /// <summary>
    /// A create split at the store lock: <see cref="BeginCreate"/> does the work before it, <see cref="CommitCreate"/>
    /// the work under it, <see cref="CreatedResponse"/> the answer after it. $batch runs the locked halves of a run of
    /// independent creates under one lock acquisition (<see cref="TryBeginBatchedCreate"/>).
    /// </summary>
    internal sealed class PendingCreate(EmulatorRequest request, TableData table, PreferHeader prefer) : IDisposable
    {
        public EmulatorRequest Request { get; } = request;
        public TableData Table { get; } = table;
        public PreferHeader Prefer { get; } = prefer;
        /// <summary>Kept only when the row could not be built before the lock (it is then read again under it).</summary>
        public JsonDocument? Body { get; set; }
        public EntityWriter.PreparedCreate? Prepared { get; set; }
        public bool HasPendingBinds { get; set; }
        public EntityRow? Row { get; set; }
        /// <summary>The answer when it is known before the end: a representation, or the error that stopped the create.</summary>
        public EmulatorResponse? Response { get; set; }

        public void Dispose() => Body?.Dispose();
    }

    /// <summary>
    /// The first half of a $batch operation that is an independent create (POST to an entity set, outside a changeset,
    /// no impersonation: the caller lookup reads rows); null for any other request, which then runs whole through
    /// <see cref="Handle"/>. Errors found before the lock are answered in <see cref="PendingCreate.Response"/>.
    /// </summary>
    internal PendingCreate? TryBeginBatchedCreate(EmulatorRequest req)
    {
        if (req.Method != "POST" || req.Transaction is not null || req.Header("MSCRMCallerID") is not null || req.Header("CallerObjectId") is not null)
            return null;
        var path = req.Path.TrimEnd('/');
        if (path.Length == 0 || path[0] == '$' || path.IndexOfAny(['(', '/']) >= 0 || path is "WhoAmI" or "WhoAmI()") return null;
        if (store.TableBySet(path) is not { } table) return null;
        var prefer = PreferHeader.Parse(req.Header("Prefer"));
        try
        {
            return BeginCreate(req, table, prefer);
        }
        catch (DataverseException e)
        {
            return new PendingCreate(req, table, prefer) { Response = EmulatorResponse.Error(e, prefer.Annotations) };
        }
    }

    /// <summary>The locked half of a batched create, in its own transaction; the caller may already hold the store lock.</summary>
    internal void CommitBatchedCreate(PendingCreate pending)
    {
        if (pending.Response is not null) return;
        try
        {
            store.Write(tx => CommitCreate(pending, tx));
        }
        catch (DataverseException e)
        {
            pending.Response = EmulatorResponse.Error(e, pending.Prefer.Annotations);
        }
    }

    private PendingCreate BeginCreate(EmulatorRequest req, TableData table, PreferHeader prefer)
    {
        // A $batch create of plain column values is read straight from its UTF-8 slice; any other body, and any
        // error, takes the general way below, which reads the body again and reports as it always has.
        if (req.Transaction is null && req.BodyUtf8 is { } utf8 && EntityWriter.TryReadPlainPayload(table.Definition, utf8.Span) is { } plain)
        {
            try
            {
                if (prefer.ReturnRepresentation) QueryOptions.ParseSelect(req.Query.GetValueOrDefault("$select"), table.Definition);
                return new PendingCreate(req, table, prefer) { Prepared = store.Writer.PrepareCreate(table, plain, req.Caller, id: null) };
            }
            catch (DataverseException)
            {
                // The general way gives the error its place among the others.
            }
        }
        var pending = new PendingCreate(req, table, prefer) { Body = ReadBody(req) };
        try
        {
            if (prefer.ReturnRepresentation) QueryOptions.ParseSelect(req.Query.GetValueOrDefault("$select"), table.Definition);
            // Parse, validate and build the row before taking the store lock; under it only the references to other rows,
            // the duplicate check, the version stamp and the insert. When building fails, the whole create runs the
            // original way under the lock, so errors come in exactly the order Dataverse reports them.
            if (req.Transaction is null)
            {
                try
                {
                    var payload = store.Writer.ReadPayload(null, table.Definition, pending.Body.RootElement, req.ContentIds, out var hasPendingBinds);
                    pending.Prepared = store.Writer.PrepareCreate(table, payload, req.Caller, id: null);
                    pending.HasPendingBinds = hasPendingBinds;
                    // Everything needed is read out of the body: give its pooled buffers back now, not after the lock.
                    pending.Body.Dispose();
                    pending.Body = null;
                }
                catch (DataverseException)
                {
                    pending.Prepared = null;
                }
            }
            return pending;
        }
        catch
        {
            pending.Dispose();
            throw;
        }
    }

    private int CommitCreate(PendingCreate pending, StoreTransaction tx)
    {
        var (req, table, prefer) = (pending.Request, pending.Table, pending.Prefer);
        EntityRow row;
        if (pending.Prepared is not { } prepared)
        {
            var payload = store.Writer.ReadPayload(tx, table.Definition, pending.Body!.RootElement, req.ContentIds);
            row = store.Writer.Create(tx, table, payload, req.Caller);
        }
        else
        {
            if (pending.HasPendingBinds) EntityWriter.ResolvePendingBinds(tx, prepared.Values);
            row = store.Writer.CommitCreate(tx, table, prepared);
        }
        pending.Row = row;
        // A representation reads other rows (formatted lookup names), so it is written under the lock.
        if (prefer.ReturnRepresentation) pending.Response = WriteResult(req, table, row, prefer, created: true, EntityUrl(req, table.Definition, row.Id));
        return 0;
    }

    internal EmulatorResponse CreatedResponse(PendingCreate pending) =>
        pending.Response ?? WriteResult(pending.Request, pending.Table, pending.Row!, pending.Prefer, created: true, EntityUrl(pending.Request, pending.Table.Definition, pending.Row!.Id));

    private EmulatorResponse Upsert(EmulatorRequest req, TableData table, ParsedKey key, PreferHeader prefer)
    {
        var def = table.Definition;
        using var body = ReadBody(req);
        var ifMatch = req.Header("If-Match");
        var ifNoneMatch = req.Header("If-None-Match");
        if (ifNoneMatch == "null") ifNoneMatch = null;
        if (prefer.ReturnRepresentation) QueryOptions.ParseSelect(req.Query.GetValueOrDefault("$select"), def);
        // The body is read before taking the store lock; references to rows are looked up under it. When reading fails,
        // it is read again under the lock so errors come in the original order.
        Dictionary<string, object?>? early = null;
        var hasPendingBinds = false;
        if (req.Transaction is null)
        {
            try
            {
                early = store.Writer.ReadPayload(null, def, body.RootElement, req.ContentIds, out hasPendingBinds);
            }
            catch (DataverseException)
            {
                early = null;
            }
        }
        return InTransaction(req, tx =>
        {
            var existing = KeySegment.Find(table, key);
            var payload = early ?? store.Writer.ReadPayload(tx, def, body.RootElement, req.ContentIds);
            if (hasPendingBinds) EntityWriter.ResolvePendingBinds(tx, payload);
            var entityId = $"{req.ApiRoot}{def.EntitySetName}({EscapeKey(key.Text)})";
            if (existing is null)
            {
                if (ifMatch is not null) throw KeySegment.NotFound(def, key);
                if (key.Values is not null)
                    foreach (var (column, value) in key.Values) payload[column] = value;
                var created = store.Writer.Create(tx, table, payload, req.Caller, key.Id);
                return WriteResult(req, table, created, prefer, created: true, entityId);
            }
            if (ifNoneMatch == "*") throw DataverseErrors.AlreadyExists();
            if (ifMatch is not null && ifMatch != "*" && ifMatch != EntityJson.ETag(existing)) throw DataverseErrors.VersionMismatch();
            if (key.Values is not null)
                foreach (var column in key.Values.Keys) payload.Remove(column);
            var updated = store.Writer.Update(tx, table, existing, payload, req.Caller);
            return WriteResult(req, table, updated, prefer, created: false, entityId);
        });
    }

    private static string EscapeKey(string keyText)
    {
        var sb = new StringBuilder(keyText.Length);
        foreach (var b in Encoding.UTF8.GetBytes(keyText))
        {
            var c = (char)b;
            if (b < 128 && (char.IsAsciiLetterOrDigit(c) || "'=,-._~()!*:@$".Contains(c))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private EmulatorResponse Delete(EmulatorRequest req, TableData table, ParsedKey key)
    {
        var ifMatch = req.Header("If-Match");
        return InTransaction(req, tx =>
        {
            var row = KeySegment.Find(table, key) ?? throw KeySegment.NotFound(table.Definition, key);
            if (ifMatch is not null && ifMatch != "*" && ifMatch != EntityJson.ETag(row)) throw DataverseErrors.VersionMismatch();
            store.Writer.Delete(tx, table, row, req.Caller);
            return new EmulatorResponse { Status = 204, Entity = new EntityReference(table.Definition.LogicalName, row.Id) };
        });
    }

    /// <summary>GET / PUT / DELETE of one column: accounts(id)/name.</summary>
    private EmulatorResponse Property(EmulatorRequest req, TableData table, ParsedKey key, string property)
    {
        var def = table.Definition;
        if (!def.ColumnsByPropertyName.TryGetValue(property, out var column) && !def.ColumnsByName.TryGetValue(property, out column))
            throw DataverseErrors.ResourceNotFound(property);
        switch (req.Method)
        {
            case "GET":
                return store.Read(() =>
                {
                    var row = KeySegment.Find(table, key) ?? throw KeySegment.NotFound(def, key);
                    var value = row.Get(column.LogicalName);
                    if (value is null) return EmulatorResponse.NoContent();
                    var body = EntityJson.Write(w =>
                    {
                        w.WriteStartObject();
                        w.WriteString("@odata.context", $"{req.ApiRoot}$metadata#{def.EntitySetName}({row.Id:D})/{property}");
                        w.WritePropertyName("value");
                        EntityJson.WriteValue(w, column, value);
                        w.WriteEndObject();
                    });
                    return EmulatorResponse.Json(200, body);
                });
            case "PUT":
            case "DELETE":
                if (column.IsLookup || column.ServerOwned || column.Type == ColumnType.PrimaryKey)
                    throw DataverseErrors.BadRequest($"The property '{property}' cannot be set this way.");
                object? newValue = null;
                if (req.Method == "PUT")
                {
                    using var body = ReadBody(req);
                    newValue = EntityWriter.ConvertJson(def, column, body.RootElement.TryGetProperty("value", out var v) ? v : throw DataverseErrors.BadRequest("The body must carry the new value as {\"value\": …}."));
                }
                return InTransaction(req, tx =>
                {
                    var row = KeySegment.Find(table, key) ?? throw KeySegment.NotFound(def, key);
                    store.Writer.Update(tx, table, row, new Dictionary<string, object?>(StringComparer.Ordinal) { [column.LogicalName] = newValue }, req.Caller);
                    return EmulatorResponse.NoContent();
                });
            default:
                throw DataverseErrors.MethodNotAllowed(req.Method);
        }
    }

    /// <summary>PUT / DELETE of a single-valued navigation property reference: accounts(id)/primarycontactid/$ref.</summary>
    private EmulatorResponse Reference(EmulatorRequest req, TableData table, ParsedKey key, string navigation)
    {
        var def = table.Definition;
        ColumnDefinition column;
        if (def.NavigationProperties.TryGetValue(navigation, out var nav)) column = nav.Column;
        else if (def.ColumnsByName.TryGetValue(navigation, out var c) && c.IsLookup && !c.ServerOwned) column = c;
        else throw DataverseErrors.ResourceNotFound(navigation);
        string? target = null;
        if (req.Method == "PUT")
        {
            using var body = ReadBody(req);
            target = body.RootElement.TryGetProperty("@odata.id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        if (req.Method is not ("PUT" or "DELETE")) throw DataverseErrors.MethodNotAllowed(req.Method);
        return InTransaction(req, tx =>
        {
            var row = KeySegment.Find(table, key) ?? throw KeySegment.NotFound(def, key);
            Dictionary<string, object?> payload;
            if (req.Method == "DELETE")
                payload = new(StringComparer.Ordinal) { [column.LogicalName] = null };
            else
            {
                var bindName = nav.Column is not null ? navigation : column.Targets[0].NavigationProperty;
                payload = store.Writer.ReadPayload(tx, def, new JsonObject { [bindName + "@odata.bind"] = target }, req.ContentIds);
            }
            store.Writer.Update(tx, table, row, payload, req.Caller);
            return EmulatorResponse.NoContent();
        });
    }
}
