using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Querying;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Storage;

/// <summary>
/// Turns request bodies into validated column values and applies creates, updates and deletes with the columns the
/// server owns (ids, timestamps, callers, version numbers, state defaults, computed names).
/// </summary>
internal sealed class EntityWriter(DataverseStore store, TimeProvider clock, DataverseEmulatorOptions options)
{
    private static readonly object[] SmallInts = Enumerable.Range(0, 256).Select(i => (object)i).ToArray();
    private object? _businessUnit;
    private EntityReference? _lastCaller;

    /// <summary>Rows are kept for the process lifetime, so shared boxes for common values save the GC real work.</summary>
    private static object Box(int value) => value is >= 0 and < 256 ? SmallInts[value] : value;

    private EntityReference CallerReference(Guid caller)
    {
        var last = _lastCaller;
        if (last is not null && last.Id == caller) return last;
        return _lastCaller = new EntityReference("systemuser", caller);
    }

    public Guid DefaultCaller => options.IntegrationUserId;

    private long _cachedAtTick = long.MinValue;
    private DateTime _cachedNow;

    /// <summary>Now, in UTC at second precision. The system clock is read at most once per millisecond (reading it is a syscall here).</summary>
    public DateTime Now()
    {
        if (ReferenceEquals(clock, TimeProvider.System))
        {
            var tick = Environment.TickCount64;
            if (tick == Volatile.Read(ref _cachedAtTick)) return _cachedNow;
            _cachedNow = Truncate(clock.GetUtcNow().UtcDateTime);
            Volatile.Write(ref _cachedAtTick, tick);
            return _cachedNow;
        }
        return Truncate(clock.GetUtcNow().UtcDateTime);
    }

    private static DateTime Truncate(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>Reads a JSON body into column values (lookups as <see cref="EntityReference"/>), validating each property.</summary>
    public Dictionary<string, object?> ReadPayload(StoreTransaction tx, TableDefinition table, JsonObject body,
        IReadOnlyDictionary<string, EntityReference>? contentIds) =>
        ReadPayload(tx, table, JsonSerializer.SerializeToElement(body), contentIds);

    public Dictionary<string, object?> ReadPayload(StoreTransaction tx, TableDefinition table, JsonElement body,
        IReadOnlyDictionary<string, EntityReference>? contentIds) =>
        ReadPayload((StoreTransaction?)tx, table, body, contentIds, out _);

    /// <summary>
    /// Reads a body without the store lock when <paramref name="tx"/> is null: references to rows
    /// (<c>nav@odata.bind: "accounts(…)"</c>) are then left as <see cref="PendingBind"/> values, to be looked up by
    /// <see cref="ResolvePendingBinds"/> under the lock (<paramref name="hasPendingBinds"/> says whether there are any).
    /// </summary>
    public Dictionary<string, object?> ReadPayload(StoreTransaction? tx, TableDefinition table, JsonElement body,
        IReadOnlyDictionary<string, EntityReference>? contentIds, out bool hasPendingBinds)
    {
        hasPendingBinds = false;
        if (body.ValueKind != JsonValueKind.Object) throw DataverseErrors.BadRequest("The request body must be a JSON object.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name;
            var node = property.Value;
            if (name.StartsWith('@')) continue;
            var at = name.IndexOf('@');
            if (at > 0)
            {
                var target = name[..at];
                if (name.AsSpan(at).Equals("@odata.bind", StringComparison.Ordinal))
                {
                    if (!table.NavigationProperties.TryGetValue(target, out var nav))
                        throw DataverseErrors.BadRequest($"An undeclared property '{target}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.");
                    if (node.ValueKind == JsonValueKind.Null) values[nav.Column.LogicalName] = null;
                    else
                    {
                        var bound = ResolveBind(tx, nav.TargetTable, target, node, contentIds);
                        if (bound is PendingBind) hasPendingBinds = true;
                        values[nav.Column.LogicalName] = bound;
                    }
                }
                continue;
            }
            if (table.ColumnsByName.TryGetValue(name, out var col))
            {
                if (col.IsLookup)
                {
                    if (node.ValueKind != JsonValueKind.Null)
                        throw DataverseErrors.BadRequest($"Cannot set lookup '{name}' with a value. Use '{col.Targets.FirstOrDefault()?.NavigationProperty ?? name}@odata.bind' to set a lookup.");
                    if (!col.ServerOwned) values[name] = null;
                    continue;
                }
                if (col.ServerOwned) continue;
                values[name] = ConvertJson(table, col, node);
                continue;
            }
            if (table.NavigationProperties.TryGetValue(name, out var navigation))
            {
                if (node.ValueKind != JsonValueKind.Null)
                    throw DataverseErrors.BadRequest($"Deep insert through '{name}' is not supported by the emulator.");
                values[navigation.Column.LogicalName] = null;
                continue;
            }
            if (table.ColumnsByPropertyName.ContainsKey(name))
                throw DataverseErrors.BadRequest($"Invalid property '{name}' was found in entity '{table.EdmTypeName}'.");
            throw DataverseErrors.BadRequest($"The property '{name}' does not exist on type '{table.EdmTypeName}'. Make sure to only use property names that are defined by the type.");
        }
        return values;
    }

    /// <summary>
    /// Reads a body of plain column values (no annotations, binds, lookups or server-owned columns) straight from its
    /// UTF-8 bytes into column values, without a <see cref="JsonDocument"/> or a string per property name. Returns null
    /// for anything else (such a property, an unknown or escaped name, a type or value the column refuses, JSON that is
    /// not one object): the body is then read by <see cref="ReadPayload(StoreTransaction?, TableDefinition, JsonElement, IReadOnlyDictionary{string, EntityReference}?, out bool)"/>,
    /// which gives the same values for every body this accepts and reports each error as it always has.
    /// </summary>
    internal static Dictionary<string, object?>? TryReadPlainPayload(TableDefinition table, ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            Span<char> name = stackalloc char[64];
            while (true)
            {
                if (!reader.Read()) return null;
                if (reader.TokenType == JsonTokenType.EndObject) break;
                if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || reader.HasValueSequence) return null;
                var utf8Name = reader.ValueSpan;
                if (utf8Name.Length > name.Length || utf8Name.IndexOf((byte)'@') >= 0) return null;
                var length = System.Text.Encoding.UTF8.GetChars(utf8Name, name);
                if (!table.ColumnsByNameSpan.TryGetValue(name[..length], out var col) || col.IsLookup || col.ServerOwned) return null;
                if (!reader.Read() || !TryReadPlainValue(ref reader, table, col, out var value)) return null;
                values[col.LogicalName] = value;
            }
            // Only whitespace may follow the object, as for JsonDocument.
            return reader.Read() ? null : values;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or text that is not valid UTF-8: the general reader reports it.
            return null;
        }
    }

    /// <summary>The value <see cref="ConvertJson"/> gives for the current token, or false where it would refuse it.</summary>
    private static bool TryReadPlainValue(ref Utf8JsonReader reader, TableDefinition table, ColumnDefinition col, out object? value)
    {
        value = null;
        var token = reader.TokenType;
        if (token == JsonTokenType.Null) return true;
        switch (col.Type)
        {
            case ColumnType.String:
            case ColumnType.Memo:
                if (token != JsonTokenType.String) return false;
                var s = reader.GetString()!;
                if (col.MaxLength is { } max && s.Length > max) return false;
                value = s.Length == 0 ? null : s;
                return true;
            case ColumnType.PrimaryKey:
            case ColumnType.Guid:
                if (token != JsonTokenType.String || !reader.TryGetGuid(out var g) && !Guid.TryParse(reader.GetString(), out g)) return false;
                value = g;
                return true;
            case ColumnType.Boolean:
                if (token is not (JsonTokenType.True or JsonTokenType.False)) return false;
                value = token == JsonTokenType.True;
                return true;
            case ColumnType.Integer:
            case ColumnType.Choice:
            case ColumnType.State:
            case ColumnType.Status:
                if (token != JsonTokenType.Number || !reader.TryGetInt32(out var i)) return false;
                if (col.Options is not null && !col.Options.ContainsKey(i) || OutOfRange(col, i)) return false;
                value = Box(i);
                return true;
            case ColumnType.BigInt:
                if (token != JsonTokenType.Number || !reader.TryGetInt64(out var l)) return false;
                value = l;
                return true;
            case ColumnType.Decimal:
            case ColumnType.Money:
                if (token != JsonTokenType.Number || !reader.TryGetDecimal(out var d) || OutOfRange(col, d)) return false;
                value = col.Type == ColumnType.Money ? Math.Round(d, 4) : d;
                return true;
            default:
                // Dates and anything else: the general reader.
                return false;
        }
    }

    private static bool OutOfRange(ColumnDefinition col, decimal value) =>
        (col.MinValue is { } min && value < min) || (col.MaxValue is { } max && value > max);

    /// <summary>A row reference read without the store lock; <see cref="ResolvePendingBinds"/> looks it up under the lock.</summary>
    internal sealed record PendingBind(TableData Target, string TargetLogicalName, string KeyBody);

    /// <summary>Replaces the <see cref="PendingBind"/> values of a payload by references to existing rows (under the store lock).</summary>
    public static void ResolvePendingBinds(StoreTransaction tx, Dictionary<string, object?> values)
    {
        List<KeyValuePair<string, object?>>? pending = null;
        foreach (var pair in values)
            if (pair.Value is PendingBind) (pending ??= []).Add(pair);
        if (pending is null) return;
        foreach (var (column, value) in pending)
        {
            var bind = (PendingBind)value!;
            values[column] = FindBound(tx, bind.Target, bind.TargetLogicalName, bind.KeyBody);
        }
    }

    private static EntityReference FindBound(StoreTransaction tx, TableData target, string targetLogicalName, string keyBody)
    {
        var row = KeySegment.Find(tx, target, keyBody, out var keyText)
            ?? throw (keyText is null ? DataverseErrors.NotFound(targetLogicalName, KeySegment.GuidOf(keyBody)) : DataverseErrors.NotFoundByKey(targetLogicalName, keyText));
        return new EntityReference(targetLogicalName, row.Id);
    }

    private object ResolveBind(StoreTransaction? tx, string targetLogicalName, string navigation, JsonElement node,
        IReadOnlyDictionary<string, EntityReference>? contentIds)
    {
        var text = node.ValueKind == JsonValueKind.String ? node.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
            throw DataverseErrors.BadRequest($"The value of '{navigation}@odata.bind' must be an entity reference URL.");
        if (text.StartsWith('$'))
        {
            if (contentIds is null || !contentIds.TryGetValue(text, out var byContentId))
                throw DataverseErrors.BadRequest($"Content-ID Reference: '{text}' does not exist in the batch context.");
            if (byContentId.LogicalName != targetLogicalName)
                throw DataverseErrors.BadRequest($"Content-ID Reference: '{text}' refers to a '{byContentId.LogicalName}', but '{navigation}' refers to '{targetLogicalName}'.");
            return byContentId;
        }
        var path = WebApiPaths.StripToResourcePath(text);
        var open = path.IndexOf('(');
        if (open <= 0 || !path.EndsWith(')'))
            throw DataverseErrors.BadRequest($"The reference '{text}' in '{navigation}@odata.bind' is not a valid entity reference.");
        var set = path[..open];
        var target = store.TableBySet(set);
        if (target is null || target.Definition.LogicalName != targetLogicalName)
            throw DataverseErrors.BadRequest($"The entity set '{set}' in '{navigation}@odata.bind' does not match the navigation property's target '{targetLogicalName}'.");
        var keyBody = path[(open + 1)..^1];
        return tx is null ? new PendingBind(target, targetLogicalName, keyBody) : FindBound(tx, target, targetLogicalName, keyBody);
    }

    internal static object? ConvertJson(TableDefinition table, ColumnDefinition col, JsonElement element)
    {
        var kind = element.ValueKind;
        if (kind == JsonValueKind.Null) return null;
        switch (col.Type)
        {
            case ColumnType.String:
            case ColumnType.Memo:
                if (kind != JsonValueKind.String) throw Incompatible(element, col);
                var s = element.GetString()!;
                if (s.Length == 0) return null;
                if (col.MaxLength is { } max && s.Length > max)
                    throw DataverseErrors.BadRequest($"A validation error occurred. The length of the '{col.LogicalName}' attribute of the '{table.LogicalName}' entity exceeded the maximum allowed length of '{max}'.", DataverseErrors.Validation);
                return s;
            case ColumnType.PrimaryKey:
            case ColumnType.Guid:
                if (kind != JsonValueKind.String || !element.TryGetGuid(out var g) && !Guid.TryParse(element.GetString(), out g)) throw Incompatible(element, col);
                return g;
            case ColumnType.Boolean:
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) throw Incompatible(element, col);
                return kind == JsonValueKind.True;
            case ColumnType.DateTime:
                if (kind != JsonValueKind.String || !DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
                    throw Incompatible(element, col);
                var utc = dto.UtcDateTime;
                return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            case ColumnType.Integer:
            case ColumnType.Choice:
            case ColumnType.State:
            case ColumnType.Status:
                if (kind != JsonValueKind.Number || !element.TryGetInt32(out var i)) throw Incompatible(element, col);
                if (col.Options is not null && !col.Options.ContainsKey(i))
                    throw DataverseErrors.BadRequest($"A validation error occurred. The value {i} of '{col.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range. Accepted Values: {string.Join(",", col.Options.Keys.Order())}", DataverseErrors.PicklistValueOutOfRange);
                CheckRange(table, col, i);
                return Box(i);
            case ColumnType.BigInt:
                if (kind != JsonValueKind.Number || !element.TryGetInt64(out var l)) throw Incompatible(element, col);
                return l;
            case ColumnType.Decimal:
            case ColumnType.Money:
                if (kind != JsonValueKind.Number || !element.TryGetDecimal(out var d)) throw Incompatible(element, col);
                CheckRange(table, col, d);
                return col.Type == ColumnType.Money ? Math.Round(d, 4) : d;
            default:
                throw Incompatible(element, col);
        }
    }

    private static void CheckRange(TableDefinition table, ColumnDefinition col, decimal value)
    {
        if ((col.MinValue is { } min && value < min) || (col.MaxValue is { } max && value > max))
            throw DataverseErrors.BadRequest($"A validation error occurred. The value {value.ToString(CultureInfo.InvariantCulture)} of '{col.LogicalName}' on record of type '{table.LogicalName}' is outside the valid range.", DataverseErrors.Validation);
    }

    private static DataverseException Incompatible(JsonElement value, ColumnDefinition col) =>
        DataverseErrors.BadRequest($"Cannot convert the literal '{value.GetRawText()}' to the expected type '{col.EdmType}'.");

    public EntityRow Create(StoreTransaction tx, TableData table, Dictionary<string, object?> payload, Guid caller, Guid? id = null) =>
        CommitCreate(tx, table, PrepareCreate(table, payload, caller, id));

    /// <summary>A new row built outside the store lock: everything but the duplicate-id check, timestamps, version and insert.</summary>
    internal sealed class PreparedCreate(Guid id, Dictionary<string, object?> values, EntityReference caller, DataverseException? validationError)
    {
        public Guid Id { get; } = id;
        public Dictionary<string, object?> Values { get; } = values;
        public EntityReference Caller { get; } = caller;
        /// <summary>A validation failure found while building, thrown only after the duplicate-id check (Dataverse's order).</summary>
        public DataverseException? ValidationError { get; } = validationError;
    }

    /// <summary>
    /// Builds a new row without touching the store (no lock needed). Errors that come before the duplicate-id check
    /// are thrown; later validation errors are kept in <see cref="PreparedCreate.ValidationError"/>.
    /// </summary>
    public PreparedCreate PrepareCreate(TableData table, Dictionary<string, object?> payload, Guid caller, Guid? id)
    {
        var def = table.Definition;
        var pk = def.PrimaryIdAttribute;
        if (payload.Remove(pk, out var bodyId) && bodyId is Guid g)
        {
            if (id is { } given && given != g)
                throw DataverseErrors.BadRequest($"The primary key '{pk}' in the body does not match the key in the request URI.", DataverseErrors.InvalidArgument);
            id = g;
        }
        var rowId = id ?? Guid.NewGuid();
        if (rowId == Guid.Empty) throw DataverseErrors.BadRequest($"'{pk}' must not be empty.", DataverseErrors.InvalidArgument);

        var values = new Dictionary<string, object?>(payload.Count + 16, StringComparer.Ordinal) { [pk] = rowId };
        var callerRef = CallerReference(caller);
        if (def.DefaultStatusByState is not null)
        {
            var initialState = options.ProductsStartAsDraft && def.LogicalName == "product" ? 2 : 0;
            values["statecode"] = Box(initialState);
            values["statuscode"] = Box(DefaultStatus(def, initialState));
        }
        if (def.UserOwned)
        {
            values["ownerid"] = callerRef;
            values["owningbusinessunit"] = _businessUnit ??= options.BusinessUnitId;
        }
        foreach (var (k, v) in payload) values[k] = v;
        DataverseException? error = null;
        try
        {
            NormalizeState(def, values, payload);
            CheckRequired(def, values);
            Compute(def, values);
        }
        catch (DataverseException e)
        {
            error = e;
        }
        // Placeholders keep the columns in their usual order; the locked part fills in the time and version.
        values["createdon"] = null;
        values["modifiedon"] = null;
        values["createdby"] = callerRef;
        values["modifiedby"] = callerRef;
        values["versionnumber"] = null;
        return new PreparedCreate(rowId, values, callerRef, error);
    }

    /// <summary>The locked part of a create: duplicate-id check, timestamps, the next version number and the insert.</summary>
    public EntityRow CommitCreate(StoreTransaction tx, TableData table, PreparedCreate prepared)
    {
        if (table.Rows.ContainsKey(prepared.Id)) throw DataverseErrors.DuplicateKey();
        if (prepared.ValidationError is { } error) throw error;
        var values = prepared.Values;
        object now = Now();
        values["createdon"] = now;
        values["modifiedon"] = now;
        values["versionnumber"] = tx.NextVersion();
        var row = new EntityRow(prepared.Id, values);
        tx.Put(table, row);
        return row;
    }

    public EntityRow Update(StoreTransaction tx, TableData table, EntityRow existing, Dictionary<string, object?> payload, Guid caller)
    {
        var def = table.Definition;
        if (payload.Remove(def.PrimaryIdAttribute, out var bodyId) && bodyId is Guid g && g != existing.Id)
            throw DataverseErrors.BadRequest($"The primary key '{def.PrimaryIdAttribute}' cannot be changed.", DataverseErrors.InvalidArgument);
        var values = existing.CopyValues();
        foreach (var (k, v) in payload) values[k] = v;
        NormalizeState(def, values, payload);
        CheckRequired(def, values);
        Compute(def, values);
        values["modifiedon"] = Now();
        values["modifiedby"] = CallerReference(caller);
        values["versionnumber"] = tx.NextVersion();
        var row = new EntityRow(existing.Id, values);
        tx.Put(table, row);
        return row;
    }

    /// <summary>Deletes a row; contacts under it (parentcustomerid) go too (parental cascade), other references are cleared.</summary>
    public void Delete(StoreTransaction tx, TableData table, EntityRow row, Guid caller)
    {
        tx.Remove(table, row);
        var logicalName = table.Definition.LogicalName;
        foreach (var other in store.Metadata.Tables)
        {
            var lookups = other.Columns.Where(c => c.IsLookup && !c.ServerOwned && c.Targets.Any(t => t.TargetTable == logicalName)).ToList();
            if (lookups.Count == 0) continue;
            var data = store.Table(other.LogicalName);
            foreach (var candidate in data.Rows.Values.ToList())
            {
                if (!data.Rows.ContainsKey(candidate.Id)) continue;
                Dictionary<string, object?>? cleared = null;
                foreach (var col in lookups)
                {
                    if (candidate.Get(col.LogicalName) is not EntityReference r || r.Id != row.Id || r.LogicalName != logicalName) continue;
                    if (other.LogicalName == "contact" && col.LogicalName == "parentcustomerid")
                    {
                        Delete(tx, data, candidate, caller);
                        cleared = null;
                        break;
                    }
                    (cleared ??= new Dictionary<string, object?>(StringComparer.Ordinal))[col.LogicalName] = null;
                }
                if (cleared is not null && data.Rows.TryGetValue(candidate.Id, out var current))
                    Update(tx, data, current, cleared, caller);
            }
        }
    }

    private static int DefaultStatus(TableDefinition def, int state) => def.DefaultStatusByState!.GetValueOrDefault(state, -1);

    private static void NormalizeState(TableDefinition def, Dictionary<string, object?> values, Dictionary<string, object?> payload)
    {
        if (!def.ColumnsByName.TryGetValue("statuscode", out var statusCol)) return;
        var stateGiven = payload.TryGetValue("statecode", out var stateObj);
        var statusGiven = payload.TryGetValue("statuscode", out var statusObj);
        if (stateGiven && stateObj is null || statusGiven && statusObj is null)
            throw DataverseErrors.BadRequest("A validation error occurred. statecode and statuscode cannot be null.", DataverseErrors.Validation);
        if (stateGiven && !statusGiven)
            values["statuscode"] = Box(DefaultStatus(def, (int)stateObj!));
        else if (statusGiven && !stateGiven)
            values["statecode"] = Box(statusCol.StatusToState![(int)statusObj!]);
        else if (stateGiven && statusGiven && statusCol.StatusToState![(int)statusObj!] != (int)stateObj!)
            throw DataverseErrors.BadRequest($"A validation error occurred. {statusObj} is not a valid status code for state code {stateObj} on {def.LogicalName}.", DataverseErrors.Validation);
    }

    private static void CheckRequired(TableDefinition def, Dictionary<string, object?> values)
    {
        foreach (var col in def.RequiredColumns)
        {
            if (values.GetValueOrDefault(col.LogicalName) is null)
                throw DataverseErrors.BadRequest($"A validation error occurred. The value of '{col.LogicalName}' on record of type '{def.LogicalName}' is required and cannot be empty.", DataverseErrors.Validation);
        }
    }

    private static void Compute(TableDefinition def, Dictionary<string, object?> values)
    {
        if (def.LogicalName is "contact" or "systemuser")
        {
            var full = Join(' ', values.GetValueOrDefault("firstname") as string, values.GetValueOrDefault("middlename") as string, values.GetValueOrDefault("lastname") as string);
            values["fullname"] = full.Length == 0 ? null : full;
        }
        if (def.HasAddress)
        {
            string? V(string c) => values.GetValueOrDefault(c) as string;
            var cityLine = Join(' ', V("address1_postalcode"), V("address1_city"));
            var composite = Join('\n', V("address1_line1"), V("address1_line2"), V("address1_line3"), cityLine.Length == 0 ? null : cityLine,
                V("address1_stateorprovince"), V("address1_country")).Replace("\n", "\r\n", StringComparison.Ordinal);
            values["address1_composite"] = composite.Length == 0 ? null : composite;
        }
    }

    /// <summary>The non-empty parts joined by the separator; a single part is returned as it is (no copy).</summary>
    private static string Join(char separator, params ReadOnlySpan<string?> parts)
    {
        string? only = null;
        var count = 0;
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part)) continue;
            only = part;
            count++;
        }
        if (count <= 1) return only ?? "";
        var sb = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part)) continue;
            if (sb.Length > 0) sb.Append(separator);
            sb.Append(part);
        }
        return sb.ToString();
    }
}
