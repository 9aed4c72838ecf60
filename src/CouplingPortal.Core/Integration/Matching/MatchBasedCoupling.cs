using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Validation;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Integration.Matching;

/// <summary>
/// Match-based coupling (bc-coupling.md §3.7). Reads the uncoupled local records once and the candidate Dataverse rows
/// once (the mapping's integration table filter and company filter, paged at the largest page size, only the key,
/// name, modifiedon and match columns), indexes the rows per priority group by their normalized key, and matches every
/// record in memory: O(N + M), never a query per record. New couplings are stored in chunks (prepared single-row inserts on
/// SQLite, batched inserts on PostgreSQL, one transaction per chunk); the unique indexes on the
/// couplings decide races with other jobs, which are reported per record instead of failing the run.
/// </summary>
public sealed class MatchBasedCoupling(
    IDbContextFactory<PortalDbContext> dbFactory,
    IDataverseClient client,
    IDataverseEndpoint endpoint,
    TimeProvider clock,
    IOptions<MatchingOptions> options,
    ILogger<MatchBasedCoupling> logger) : IMatchBasedCoupling
{
    private readonly IDbContextFactory<PortalDbContext> _dbFactory = dbFactory;
    private readonly IDataverseClient _client = client;
    private readonly IDataverseEndpoint _endpoint = endpoint;
    private readonly TimeProvider _clock = clock;
    private readonly MatchingOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    /// <summary>Separates the values of a multi-field key; cannot occur in trimmed user text.</summary>
    private const char KeySeparator = '\u001F';

    /// <summary>Prefix of a lookup value that could not be translated: it matches no row.</summary>
    private const string Unresolved = "\u0000unresolved:";

    private const int ErrorDetailLines = 100;

    public async Task<MatchResult> RunAsync(MatchRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mapping = await LoadMappingAsync(request.MappingName, ct);
        var now = _clock.GetUtcNow().UtcDateTime;
        var job = new IntegrationSynchJob
        {
            Id = Guid.CreateVersion7(),
            Type = IntegrationJobType.Coupling,
            MappingName = mapping.Name,
            Direction = mapping.Direction,
            Status = IntegrationJobStatus.Running,
            IsDryRun = request.DryRun,
            QueuedAt = now,
            StartedAt = now,
            RequestedBy = request.RequestedBy,
            RequestId = request.RequestId,
        };
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            db.IntegrationSynchJobs.Add(job);
            await db.SaveChangesAsync(ct);
        }

        try
        {
            var run = new Run(this, mapping, request, job, progress);
            var result = await run.ExecuteAsync(ct);
            await FinishJobAsync(job, CancellationToken.None);
            return result;
        }
        catch (Exception ex)
        {
            job.Status = IntegrationJobStatus.Failed;
            job.Message ??= ex is OperationCanceledException ? "Cancelled." : ex.Message;
            await FinishJobAsync(job, CancellationToken.None);
            throw;
        }
    }

    private async Task<IntegrationTableMapping> LoadMappingAsync(string name, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        return await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
                .SingleOrDefaultAsync(m => m.Name == name, ct)
            ?? throw new InvalidOperationException($"There is no integration table mapping named {name}.");
    }

    private async Task FinishJobAsync(IntegrationSynchJob job, CancellationToken ct)
    {
        job.FinishedAt = _clock.GetUtcNow().UtcDateTime;
        if (job.Status == IntegrationJobStatus.Running)
            job.Status = IntegrationJobStatus.Finished;
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        db.IntegrationSynchJobs.Update(job);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>One match criterion resolved against the model: the local property, the column, and for lookups the translation.</summary>
    private sealed class Criterion(MatchCriterion source, PropertyInfo localProperty, DataverseColumn column)
    {
        public MatchCriterion Source { get; } = source;
        public PropertyInfo LocalProperty { get; } = localProperty;
        public DataverseColumn Column { get; } = column;
        public string Caption { get; } = MasterDataText.FieldCaption(source.LocalField);

        /// <summary>Local code (trimmed, upper case) → the Dataverse value it stands for (a row id or an option value).</summary>
        public Dictionary<string, string>? Translation { get; set; }
    }

    /// <summary>A candidate Dataverse row: its id, name and normalized match values (null = empty).</summary>
    private sealed class Candidate(Guid id, string? name, string?[] values)
    {
        public Guid Id { get; } = id;
        public string? Name { get; } = name;
        public string?[] Values { get; } = values;
    }

    /// <summary>The rows under one key: the first one and how many there are (only "exactly one" can couple).</summary>
    private sealed class Hit(Candidate first)
    {
        public Candidate First { get; } = first;
        public int Count { get; set; } = 1;
    }

    private sealed record LocalRecord(Guid SystemId, string Description, object?[] Values);

    private sealed record PendingCoupling(int Line, Guid LocalSystemId, Guid DataverseId);

    /// <summary>The state of one run; kept apart from the service so the service stays stateless and thread-safe.</summary>
    private sealed class Run(MatchBasedCoupling owner, IntegrationTableMapping mapping, MatchRequest request, IntegrationSynchJob job, IProgress<JobProgress>? progress)
    {
        private readonly List<MatchLine> _lines = [];
        private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
        private int _requests;
        private List<Criterion> _criteria = [];
        private int[][] _groups = [];
        private readonly Dictionary<(int Group, int Mask), Dictionary<string, Hit>> _indexes = [];
        private List<Candidate> _candidates = [];

        private string DataverseTable => mapping.DataverseTable;

        public async Task<MatchResult> ExecuteAsync(CancellationToken ct)
        {
            if (mapping.Kind == MappingKind.Option)
            {
                Fail(MatchingText.Get("UnsupportedOptionMapping", DataverseTable, mapping.DataverseOptionColumn));
                return Result();
            }

            var criteria = request.Criteria ?? [.. mapping.FieldMappings
                .Where(f => f.UseForMatchBasedCoupling && f.LocalField is not null && f.DataverseColumn is not null && f.ConstantValue is null)
                .OrderBy(f => f.MatchPriority).ThenBy(f => f.LineNo)
                .Select(f => new MatchCriterion(f.LocalField!, f.DataverseColumn!, f.CaseSensitiveMatching, f.MatchPriority))];
            if (criteria.Count == 0)
            {
                Fail(MatchingText.Get("NoCriteria", mapping.Name));
                return Result();
            }
            if (!await ResolveCriteriaAsync(criteria, ct))
                return Result();

            Report(0, null, "Stage_ReadingRecords");
            var locals = await ReadLocalRecordsAsync(ct);
            var timings = new StringBuilder();
            timings.Append(CultureInfo.InvariantCulture, $"local read {_stopwatch.ElapsedMilliseconds} ms");

            if (locals.Count > 0)
            {
                var read = _stopwatch.ElapsedMilliseconds;
                Report(0, locals.Count, "Stage_ReadingDataverse");
                await ReadCandidatesAsync(ct);
                timings.Append(CultureInfo.InvariantCulture, $", Dataverse read {_stopwatch.ElapsedMilliseconds - read} ms ({_candidates.Count} rows, {_requests} requests)");

                var matchStart = _stopwatch.ElapsedMilliseconds;
                Report(0, locals.Count, "Stage_Matching");
                var pending = await MatchAsync(locals, ct);
                timings.Append(CultureInfo.InvariantCulture, $", matching {_stopwatch.ElapsedMilliseconds - matchStart} ms");

                if (!request.DryRun && pending.Count > 0)
                {
                    var storeStart = _stopwatch.ElapsedMilliseconds;
                    Report(0, pending.Count, "Stage_Storing");
                    await StoreAsync(pending, ct);
                    timings.Append(CultureInfo.InvariantCulture, $", storing {_stopwatch.ElapsedMilliseconds - storeStart} ms");
                }
            }

            Count();
            owner._logger.LogInformation("Match-based coupling of {Mapping}{DryRun}: {Coupled} coupled, {Failed} failed, {Skipped} skipped; {Timings}",
                mapping.Name, request.DryRun ? " (preview)" : "", job.Coupled, job.Failed, job.Skipped, timings.ToString());
            Report(_lines.Count, _lines.Count, null);
            return Result();
        }

        private MatchResult Result() => new(job, _lines, _requests);

        private void Report(int processed, int? total, string? stageKey) =>
            progress?.Report(new JobProgress(processed, total, stageKey is null ? null : MatchingText.Get(stageKey)));

        private void Fail(string message)
        {
            job.Status = IntegrationJobStatus.Failed;
            job.Message = message;
            job.Errors.Add(NewError(message, message));
        }

        private IntegrationSynchJobError NewError(string message, string detail) => new()
        {
            JobId = job.Id,
            SourceDescription = Truncate(mapping.Name, 250),
            DestinationDescription = Truncate(owner._endpoint.IsConfigured ? owner._endpoint.EnvironmentUrl.AbsoluteUri : DataverseTable, 250),
            Message = Truncate(message, 250),
            Detail = detail,
            OccurredAt = owner._clock.GetUtcNow().UtcDateTime,
        };

        private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

        private async Task<bool> ResolveCriteriaAsync(IReadOnlyList<MatchCriterion> criteria, CancellationToken ct)
        {
            var resolved = new List<Criterion>();
            await using var db = await owner._dbFactory.CreateDbContextAsync(ct);
            foreach (var source in criteria)
            {
                var property = LocalTables.Field(mapping.LocalTable, source.LocalField);
                var column = DataverseSchema.Column(DataverseTable, source.DataverseColumn);
                var fieldMapping = mapping.FieldMappings.FirstOrDefault(f => f.LocalField == source.LocalField && f.DataverseColumn == source.DataverseColumn);
                var translation = fieldMapping?.LookupTranslation ?? LookupTranslation.None;
                var usable = property is not null && column is not null && column.Type != DataverseColumnType.DateTime
                    && translation != LookupTranslation.ParentAccountFromBusinessRelation
                    && (column.Type != DataverseColumnType.Lookup || translation == LookupTranslation.Coupling || property.PropertyType == typeof(Guid) || property.PropertyType == typeof(Guid?))
                    && (translation != LookupTranslation.OptionCoupling || column.Type == DataverseColumnType.Integer);
                if (!usable)
                {
                    Fail(MatchingText.Get("InvalidCriterion", source.LocalField, source.DataverseColumn, mapping.Name));
                    return false;
                }

                var criterion = new Criterion(source, property!, column!);
                if (translation is LookupTranslation.Coupling or LookupTranslation.OptionCoupling && fieldMapping?.TranslationMappingName is { } via)
                    criterion.Translation = await TranslationAsync(db, via, translation, ct);
                resolved.Add(criterion);
            }

            _criteria = resolved;
            _groups = [.. resolved.Select((c, i) => (c.Source.Priority, Index: i)).GroupBy(c => c.Priority).OrderBy(g => g.Key)
                .Select(g => g.Select(c => c.Index).ToArray())];
            if (_groups.Any(g => g.Length > 30))
                throw new InvalidOperationException("A match priority group can hold at most 30 fields.");
            return true;
        }

        /// <summary>Local code → Dataverse value through the couplings (or option couplings) of another mapping, e.g. CURRENCY.</summary>
        private static async Task<Dictionary<string, string>> TranslationAsync(PortalDbContext db, string mappingName, LookupTranslation translation, CancellationToken ct)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var via = await db.IntegrationTableMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Name == mappingName, ct);
            if (via is null) return result;
            var keyProperty = LocalTables.Field(via.LocalTable, LocalTables.KeyField(via.LocalTable))!;
            var systemIdProperty = LocalTables.Field(via.LocalTable, nameof(MasterRecord.SystemId))!;
            var codes = new Dictionary<Guid, string>();
            await foreach (var row in Project(LocalRecordQuery.Query(db, via.LocalTable, RecordFilter.Empty), via.LocalTable, [systemIdProperty, keyProperty]).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (row[1] is string code && code.Trim() is { Length: > 0 } trimmed)
                    codes[(Guid)row[0]!] = trimmed.ToUpperInvariant();
            }

            if (translation == LookupTranslation.Coupling)
            {
                var couplings = await db.Couplings.AsNoTracking().Where(c => c.MappingName == mappingName)
                    .Select(c => new { c.LocalSystemId, c.DataverseId }).ToListAsync(ct);
                foreach (var c in couplings)
                {
                    if (codes.TryGetValue(c.LocalSystemId, out var code))
                        result[code] = c.DataverseId.ToString("D");
                }
            }
            else
            {
                var couplings = await db.OptionCouplings.AsNoTracking().Where(c => c.MappingName == mappingName)
                    .Select(c => new { c.LocalSystemId, c.OptionValue }).ToListAsync(ct);
                foreach (var c in couplings)
                {
                    if (codes.TryGetValue(c.LocalSystemId, out var code))
                        result[code] = c.OptionValue.ToString(CultureInfo.InvariantCulture);
                }
            }
            return result;
        }

        /// <summary>
        /// The records to match, ordered by their key (so a run is repeatable): the selection, or every uncoupled record of
        /// the table filter. Selected records that are coupled or outside the filter get their line here.
        /// </summary>
        private async Task<List<LocalRecord>> ReadLocalRecordsAsync(CancellationToken ct)
        {
            var table = mapping.LocalTable;
            var keyProperty = LocalTables.Field(table, LocalTables.KeyField(table))!;
            var nameProperty = LocalTables.Field(table, "Name") ?? LocalTables.Field(table, "Description");
            var systemIdProperty = LocalTables.Field(table, nameof(MasterRecord.SystemId))!;
            List<PropertyInfo> properties = [systemIdProperty, keyProperty, .. nameProperty is null ? Array.Empty<PropertyInfo>() : [nameProperty], .. _criteria.Select(c => c.LocalProperty)];
            var firstValue = nameProperty is null ? 2 : 3;

            LocalRecord ToRecord(object?[] row) => new((Guid)row[0]!, Describe(table, row[1] as string, nameProperty is null ? null : row[2] as string), row[firstValue..]);

            await using var db = await owner._dbFactory.CreateDbContextAsync(ct);
            var inFilter = LocalRecordQuery.ForMapping(db, mapping);
            var records = new List<LocalRecord>();
            if (request.LocalSystemIds.Count == 0)
            {
                var uncoupled = inFilter.Where(r => !db.Couplings.Any(c => c.LocalTable == table && c.LocalSystemId == r.SystemId));
                await foreach (var row in Project(uncoupled, table, properties).AsAsyncEnumerable().WithCancellation(ct))
                    records.Add(ToRecord(row));
            }
            else
            {
                var selected = request.LocalSystemIds.Distinct().ToList();
                var coupled = new HashSet<Guid>();
                foreach (var chunk in selected.Chunk(400))
                    coupled.UnionWith(await db.Couplings.AsNoTracking().Where(c => c.LocalTable == table && chunk.Contains(c.LocalSystemId)).Select(c => c.LocalSystemId).ToListAsync(ct));

                var found = new HashSet<Guid>();
                foreach (var chunk in selected.Chunk(400))
                {
                    await foreach (var row in Project(inFilter.Where(r => chunk.Contains(r.SystemId)), table, properties).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        var record = ToRecord(row);
                        found.Add(record.SystemId);
                        if (coupled.Contains(record.SystemId))
                            _lines.Add(new MatchLine(record.SystemId, record.Description, MatchOutcome.AlreadyCoupled, null, null, null, MatchingText.Get("Reason_AlreadyCoupled")));
                        else
                            records.Add(record);
                    }
                }

                var outside = selected.Where(id => !found.Contains(id)).ToList();
                foreach (var chunk in outside.Chunk(400))
                {
                    var all = LocalRecordQuery.Query(db, table, RecordFilter.Empty).Where(r => chunk.Contains(r.SystemId));
                    await foreach (var row in Project(all, table, properties).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        var record = ToRecord(row);
                        _lines.Add(coupled.Contains(record.SystemId)
                            ? new MatchLine(record.SystemId, record.Description, MatchOutcome.AlreadyCoupled, null, null, null, MatchingText.Get("Reason_AlreadyCoupled"))
                            : new MatchLine(record.SystemId, record.Description, MatchOutcome.NotInTableFilter, null, null, null, MatchingText.Get("Reason_NotInTableFilter")));
                    }
                }
            }

            records.Sort((a, b) => string.CompareOrdinal(a.Description, b.Description));
            return records;
        }

        private static string Describe(LocalTable table, string? key, string? name) =>
            string.Join(' ', new[] { table.ToString(), key, name }.Where(s => !string.IsNullOrEmpty(s)));

        private string DescribeRow(Candidate row) =>
            row.Name is { Length: > 0 } name ? $"{DataverseTable} {name}" : $"{DataverseTable} {row.Id}";

        /// <summary>Reads every candidate row once, page by page, keeping only its id, name and normalized match values.</summary>
        private async Task ReadCandidatesAsync(CancellationToken ct)
        {
            var table = MappedRows.Table(mapping);
            var nameColumn = MappedRows.NameColumn(DataverseTable);
            var columns = new List<string> { table.PrimaryKey, "modifiedon" };
            if (nameColumn is not null) columns.Add(nameColumn);
            columns.AddRange(_criteria.Select(c => c.Column.PropertyName));
            var query = DataverseQuery.From(table).Select([.. columns.Distinct(StringComparer.Ordinal)]);
            if (IntegrationTableFilterTranslator.ToDataverseFilter(mapping) is { } filter)
                query = query.Where(filter);

            _candidates = [];
            await foreach (var page in owner._client.QueryPagesAsync(query, owner._options.DataversePageSize, ct))
            {
                _requests++;
                foreach (var row in page.Rows)
                {
                    var values = new string?[_criteria.Count];
                    for (var i = 0; i < values.Length; i++)
                        values[i] = RowValue(row, _criteria[i]);
                    _candidates.Add(new Candidate(row.GetId(table), nameColumn is null ? null : row.GetString(nameColumn), values));
                }
            }
        }

        /// <summary>Matches every record in memory; returns the couplings to store (already reflected in the lines).</summary>
        private async Task<List<PendingCoupling>> MatchAsync(List<LocalRecord> locals, CancellationToken ct)
        {
            var taken = await CoupledRowsAsync(ct);
            var createNew = request.CreateNewIfNoMatch ?? mapping.CreateNewInCaseOfNoMatch;
            var pending = new List<PendingCoupling>();
            var values = new string?[_criteria.Count];
            var processed = 0;
            foreach (var record in locals)
            {
                for (var i = 0; i < values.Length; i++)
                    values[i] = LocalValue(record.Values[i], _criteria[i]);

                MatchLine? failure = null;
                var noMatchFields = new List<string>();
                var coupledTo = (Candidate?)null;
                var coupledGroup = -1;
                var coupledMask = 0;
                for (var g = 0; g < _groups.Length && coupledTo is null; g++)
                {
                    var members = _groups[g];
                    var mask = 0;
                    for (var m = 0; m < members.Length; m++)
                    {
                        if (values[members[m]] is not null) mask |= 1 << m;
                    }
                    // A group whose fields are all empty on the record is not evaluated (BC: empty values do not take part).
                    if (mask == 0) continue;

                    var fields = Fields(members, mask);
                    var priority = _criteria[members[0]].Source.Priority;
                    if (!Index(g, mask).TryGetValue(Key(values, members, mask)!, out var hit))
                    {
                        noMatchFields.Add(fields);
                    }
                    else if (hit.Count > 1)
                    {
                        failure ??= new MatchLine(record.SystemId, record.Description, MatchOutcome.MultipleMatches, null, null, priority,
                            MatchingText.Get("Reason_MultipleMatches", hit.Count, fields));
                    }
                    else if (taken.Contains(hit.First.Id))
                    {
                        failure ??= new MatchLine(record.SystemId, record.Description, MatchOutcome.MatchAlreadyCoupled, hit.First.Id, DescribeRow(hit.First), priority,
                            MatchingText.Get("Reason_MatchAlreadyCoupled", fields, DescribeRow(hit.First)));
                    }
                    else
                    {
                        coupledTo = hit.First;
                        coupledGroup = g;
                        coupledMask = mask;
                    }
                }

                if (coupledTo is not null)
                {
                    taken.Add(coupledTo.Id);
                    var members = _groups[coupledGroup];
                    pending.Add(new PendingCoupling(_lines.Count, record.SystemId, coupledTo.Id));
                    _lines.Add(new MatchLine(record.SystemId, record.Description, MatchOutcome.Coupled, coupledTo.Id, DescribeRow(coupledTo),
                        _criteria[members[0]].Source.Priority, MatchingText.Get("Reason_Coupled", DescribeRow(coupledTo), Fields(members, coupledMask))));
                }
                else
                {
                    failure ??= noMatchFields.Count > 0
                        ? new MatchLine(record.SystemId, record.Description, MatchOutcome.NoMatch, null, null, null, MatchingText.Get("Reason_NoMatch", string.Join(" / ", noMatchFields)))
                        : new MatchLine(record.SystemId, record.Description, MatchOutcome.NoMatchValues, null, null, null,
                            MatchingText.Get("Reason_NoMatchValues", string.Join(", ", _criteria.Select(c => c.Caption))));
                    _lines.Add(createNew
                        ? failure with { Outcome = MatchOutcome.CreateNew, Reason = MatchingText.Get("Reason_CreateNew") + " " + failure.Reason }
                        : failure);
                }

                if (++processed % 10_000 == 0)
                    Report(processed, locals.Count, "Stage_Matching");
            }
            return pending;
        }

        /// <summary>Dataverse rows of this table coupled by anyone (any mapping): they cannot be matched again.</summary>
        private async Task<HashSet<Guid>> CoupledRowsAsync(CancellationToken ct)
        {
            await using var db = await owner._dbFactory.CreateDbContextAsync(ct);
            var table = DataverseTable;
            return [.. await db.Couplings.AsNoTracking().Where(c => c.DataverseTable == table).Select(c => c.DataverseId).ToListAsync(ct)];
        }

        private string Fields(int[] members, int mask)
        {
            var names = new List<string>(members.Length);
            for (var m = 0; m < members.Length; m++)
            {
                if ((mask & (1 << m)) != 0) names.Add(_criteria[members[m]].Caption);
            }
            return string.Join(", ", names);
        }

        /// <summary>The rows of group <paramref name="group"/> keyed on the fields in <paramref name="mask"/>; built once, on first use.</summary>
        private Dictionary<string, Hit> Index(int group, int mask)
        {
            if (_indexes.TryGetValue((group, mask), out var index)) return index;
            index = new Dictionary<string, Hit>(_candidates.Count, StringComparer.Ordinal);
            var members = _groups[group];
            foreach (var candidate in _candidates)
            {
                if (Key(candidate.Values, members, mask) is not { } key) continue;
                ref var hit = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out var exists);
                if (exists) hit!.Count++;
                else hit = new Hit(candidate);
            }
            _indexes[(group, mask)] = index;
            return index;
        }

        /// <summary>The key of the fields in <paramref name="mask"/>; null when one of them is empty (an empty column matches no value).</summary>
        private static string? Key(string?[] values, int[] members, int mask)
        {
            string? single = null;
            StringBuilder? builder = null;
            for (var m = 0; m < members.Length; m++)
            {
                if ((mask & (1 << m)) == 0) continue;
                if (values[members[m]] is not { } value) return null;
                if (single is null && builder is null)
                {
                    single = value;
                    continue;
                }
                builder ??= new StringBuilder(single);
                builder.Append(KeySeparator).Append(value);
            }
            return builder?.ToString() ?? single;
        }

        private static string? Text(string? value, bool caseSensitive)
        {
            var trimmed = value?.Trim();
            if (string.IsNullOrEmpty(trimmed)) return null;
            return caseSensitive ? trimmed : trimmed.ToUpperInvariant();
        }

        private static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

        private static string? RowValue(DataverseRow row, Criterion criterion)
        {
            var name = criterion.Column.PropertyName;
            if (row[name] is null) return null;
            return criterion.Column.Type switch
            {
                DataverseColumnType.String => Text(row.GetString(name), criterion.Source.CaseSensitive),
                DataverseColumnType.Lookup or DataverseColumnType.Guid => row.GetGuid(name)?.ToString("D"),
                DataverseColumnType.Integer or DataverseColumnType.Decimal => row.GetDecimal(name) is { } d ? Number(d) : null,
                DataverseColumnType.Boolean => row.GetBoolean(name) is { } b ? (b ? "true" : "false") : null,
                _ => row.GetString(name),
            };
        }

        private static string? LocalValue(object? value, Criterion criterion)
        {
            if (criterion.Translation is { } translation)
            {
                var code = Text(value?.ToString(), caseSensitive: false);
                return code is null ? null : translation.TryGetValue(code, out var translated) ? translated : Unresolved + code;
            }
            return value switch
            {
                null => null,
                string s => Text(s, criterion.Source.CaseSensitive),
                Guid g => g == Guid.Empty ? null : g.ToString("D"),
                bool b => b ? "true" : "false",
                Enum e => Text(e.ToString(), criterion.Source.CaseSensitive),
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                IConvertible c => Number(c.ToDecimal(CultureInfo.InvariantCulture)),
                _ => Text(value.ToString(), criterion.Source.CaseSensitive),
            };
        }

        /// <summary>
        /// Stores the couplings in chunks, one transaction each, with a "Couple" line in each record's history. A chunk that
        /// hits a unique index (a record or row coupled by someone else meanwhile) is narrowed down and retried without them.
        /// </summary>
        private async Task StoreAsync(List<PendingCoupling> pending, CancellationToken ct)
        {
            var stored = 0;
            foreach (var chunk in pending.Chunk(owner._options.StoreChunkSize))
            {
                var remaining = chunk.ToList();
                while (remaining.Count > 0)
                {
                    try
                    {
                        await InsertAsync(remaining, ct);
                        stored += remaining.Count;
                        remaining.Clear();
                    }
                    catch (DbException ex)
                    {
                        var conflicts = await ConflictsAsync(remaining, ct);
                        if (conflicts == 0)
                            throw;
                        owner._logger.LogInformation(ex, "Match-based coupling of {Mapping}: {Conflicts} record(s) or row(s) were coupled by someone else meanwhile", mapping.Name, conflicts);
                        remaining.RemoveAll(p => _lines[p.Line].Outcome != MatchOutcome.Coupled);
                    }
                }
                Report(stored, pending.Count, "Stage_Storing");
            }
        }

        private async Task InsertAsync(List<PendingCoupling> couplings, CancellationToken ct)
        {
            var now = owner._clock.GetUtcNow().UtcDateTime;
            var rows = couplings.Select(p => new Coupling
            {
                Id = Guid.CreateVersion7(),
                MappingName = mapping.Name,
                LocalTable = mapping.LocalTable,
                LocalSystemId = p.LocalSystemId,
                DataverseTable = DataverseTable,
                DataverseId = p.DataverseId,
                CoupledAt = now,
            }).ToList();
            var history = couplings.Select(p => new SyncRecordChange
            {
                JobId = job.Id,
                MappingName = mapping.Name,
                Direction = job.Direction,
                LocalSystemId = p.LocalSystemId,
                DataverseId = p.DataverseId,
                Action = SyncAction.Couple,
                OccurredAt = now,
            }).ToList();
            await using var db = await owner._dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await BulkInserter.InsertRowsAsync(db, rows, ct);
            await BulkInserter.InsertRowsAsync(db, history, ct);
            await transaction.CommitAsync(ct);
        }

        /// <summary>Marks the lines whose record or row is now coupled in the database; returns how many.</summary>
        private async Task<int> ConflictsAsync(List<PendingCoupling> couplings, CancellationToken ct)
        {
            await using var db = await owner._dbFactory.CreateDbContextAsync(ct);
            var table = mapping.LocalTable;
            var dataverseTable = DataverseTable;
            var localIds = couplings.Select(p => p.LocalSystemId).ToList();
            var rowIds = couplings.Select(p => p.DataverseId).ToList();
            var coupledLocals = new HashSet<Guid>();
            var coupledRows = new HashSet<Guid>();
            foreach (var chunk in localIds.Chunk(400))
                coupledLocals.UnionWith(await db.Couplings.AsNoTracking().Where(c => c.LocalTable == table && chunk.Contains(c.LocalSystemId)).Select(c => c.LocalSystemId).ToListAsync(ct));
            foreach (var chunk in rowIds.Chunk(400))
                coupledRows.UnionWith(await db.Couplings.AsNoTracking().Where(c => c.DataverseTable == dataverseTable && chunk.Contains(c.DataverseId)).Select(c => c.DataverseId).ToListAsync(ct));

            var conflicts = 0;
            foreach (var p in couplings)
            {
                var line = _lines[p.Line];
                if (coupledLocals.Contains(p.LocalSystemId))
                    _lines[p.Line] = line with { Outcome = MatchOutcome.AlreadyCoupled, Reason = MatchingText.Get("Reason_CoupledMeanwhile") };
                else if (coupledRows.Contains(p.DataverseId))
                    _lines[p.Line] = line with { Outcome = MatchOutcome.MatchAlreadyCoupled, Reason = MatchingText.Get("Reason_RowCoupledMeanwhile", line.DataverseDescription) };
                else
                    continue;
                conflicts++;
            }
            return conflicts;
        }

        /// <summary>Fills the job's counters, message and BC's single "Failed to couple N record(s)" error.</summary>
        private void Count()
        {
            var coupled = 0;
            var createNew = 0;
            var failed = new List<MatchLine>();
            var skipped = 0;
            foreach (var line in _lines)
            {
                switch (line.Outcome)
                {
                    case MatchOutcome.Coupled: coupled++; break;
                    case MatchOutcome.CreateNew: createNew++; skipped++; break;
                    case MatchOutcome.AlreadyCoupled or MatchOutcome.NotInTableFilter: skipped++; break;
                    default: failed.Add(line); break;
                }
            }

            job.Coupled = coupled;
            job.Failed = failed.Count;
            job.Skipped = skipped;
            job.Message = MatchingText.Get(request.DryRun ? "PreviewSummary" : "Summary", coupled, createNew, failed.Count, skipped - createNew);
            if (failed.Count > 0)
            {
                var organization = owner._endpoint.IsConfigured ? owner._endpoint.EnvironmentUrl.AbsoluteUri : DataverseTable;
                var message = MatchingText.Get("FailedToCouple", failed.Count, organization);
                var detail = new StringBuilder(message);
                foreach (var line in failed.Take(ErrorDetailLines))
                    detail.AppendLine().Append(line.LocalDescription).Append(": ").Append(line.Reason);
                if (failed.Count > ErrorDetailLines)
                    detail.AppendLine().Append('…');
                job.Errors.Add(NewError(message, detail.ToString()));
            }
        }
    }

    /// <summary>
    /// Selects only the given properties of the records (SystemId first), as object arrays: the engine never loads whole
    /// records it only compares a few fields of.
    /// </summary>
    private static IQueryable<object?[]> Project(IQueryable<MasterRecord> query, LocalTable table, IReadOnlyList<PropertyInfo> properties)
    {
        var record = Expression.Parameter(typeof(MasterRecord), "r");
        var typed = Expression.Convert(record, LocalTables.EntityType(table));
        var values = properties.Select(p => (Expression)Expression.Convert(Expression.Property(typed, p), typeof(object)));
        return query.Select(Expression.Lambda<Func<MasterRecord, object?[]>>(Expression.NewArrayInit(typeof(object), values), record));
    }
}
