using System.Linq.Expressions;
using System.Reflection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Validation;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData;

/// <summary>
/// List, card and save operations shared by the master-data services. Every operation opens its own context, so a
/// long-lived Blazor component or a background job can hold the service safely.
/// </summary>
public abstract class MasterDataService<T>(IDbContextFactory<PortalDbContext> dbFactory) where T : MasterRecord
{
    public const int MaxPageSize = 1000;

    private static readonly Dictionary<string, PropertyInfo> Properties = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && IsScalar(p.PropertyType))
        .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The identifying code: "No" (Customer, Item, ...) or "Code" (setup tables).</summary>
    protected virtual string KeyField => "No";

    /// <summary>Fields that must have a value (besides being checked for length and format).</summary>
    protected abstract IReadOnlyList<string> RequiredFields { get; }

    /// <summary>Text fields the list search looks in (case-insensitive "contains"); see <see cref="ListSearchFields"/>.</summary>
    public IReadOnlyList<string> SearchFields => ListSearchFields.ByEntity[typeof(T)];

    /// <summary>Property names a list can be sorted and filtered by.</summary>
    public IReadOnlyCollection<string> ListableFields => Properties.Keys;

    public async Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Page < 0)
            throw new ArgumentOutOfRangeException(nameof(request), request.Page, "ListRequest.Page is 0-based and must not be negative.");
        if (request.PageSize is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(request), request.PageSize, $"ListRequest.PageSize must be between 1 and {MaxPageSize}.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<T>().AsNoTracking();
        query = ApplyFilters(query, request.Filters);
        query = ApplySearch(db, query, request.Search);
        if (request.Coupled is { } coupled)
            query = ApplyCoupledFilter(db, query, coupled);

        var total = await query.CountAsync(ct);
        var items = await ApplySort(query, request.SortBy, request.Descending)
            .Skip(request.Page * request.PageSize)
            .Take(request.PageSize)
            .ToListAsync(ct);
        if (!request.IncludeCoupled || CouplingTable is not { } table || items.Count == 0)
            return new ListPage<T>(items, total);
        var ids = items.Select(i => i.SystemId).ToList();
        var coupledIds = await db.Couplings.AsNoTracking()
            .Where(c => c.LocalTable == table && ids.Contains(c.LocalSystemId))
            .Select(c => c.LocalSystemId).ToListAsync(ct);
        return new ListPage<T>(items, total) { CoupledIds = coupledIds.ToHashSet() };
    }

    /// <summary>The integration's table of <typeparamref name="T"/>; null for an entity no mapping can couple.</summary>
    private static readonly Integration.Mappings.LocalTable? CouplingTable =
        Enum.GetValues<Integration.Mappings.LocalTable>().Where(t => Integration.Mappings.LocalTables.EntityType(t) == typeof(T))
            .Select(t => (Integration.Mappings.LocalTable?)t).FirstOrDefault();

    /// <summary>BC's "Coupled to Dataverse" flow field as a filter: EXISTS on Couplings(LocalTable, LocalSystemId), served by its unique index.</summary>
    private static IQueryable<T> ApplyCoupledFilter(PortalDbContext db, IQueryable<T> query, bool coupled)
    {
        if (CouplingTable is not { } table)
            return coupled ? query.Where(_ => false) : query;
        return coupled
            ? query.Where(e => db.Couplings.Any(c => c.LocalTable == table && c.LocalSystemId == e.SystemId))
            : query.Where(e => !db.Couplings.Any(c => c.LocalTable == table && c.LocalSystemId == e.SystemId));
    }

    public async Task<T?> GetAsync(Guid systemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(e => e.SystemId == systemId, ct);
    }

    public async Task<T?> GetByNoAsync(string no, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(no);
        var key = no.Trim().ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(e => EF.Property<string>(e, KeyField) == key, ct);
    }

    /// <summary>
    /// Inserts (SystemId empty or unknown) or updates the record after validating it. On failure nothing is saved and
    /// the errors name each field with its caption in the current UI culture.
    /// </summary>
    public async Task<SaveResult<T>> SaveAsync(T entity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entityType = db.Model.FindEntityType(typeof(T))!;

        MasterDataValidator.Normalize(entity);
        Complete(entity);
        var errors = MasterDataValidator.Validate(entity, entityType, RequiredFields);
        await ValidateReferencesAsync(db, entity, errors, ct);

        var key = (string)Properties[KeyField].GetValue(entity)!;
        if (!errors.ContainsKey(KeyField) && await KeyIsTakenAsync(db, key, entity.SystemId, ct))
            AddError(errors, KeyField, MasterDataText.Message("AlreadyExists", MasterDataText.FieldCaption(KeyField), key));
        if (errors.Count > 0)
            return Failure(errors);

        var (systemId, createdAt, modifiedAt) = (entity.SystemId, entity.SystemCreatedAt, entity.SystemModifiedAt);
        var existing = entity.SystemId == Guid.Empty
            ? null
            : await db.Set<T>().FirstOrDefaultAsync(e => e.SystemId == entity.SystemId, ct);
        T saved;
        if (existing is null && entity.SystemId != Guid.Empty && entity.SystemCreatedAt != default)
        {
            // The card was loaded from a record that someone deleted meanwhile: do not resurrect it silently.
            AddError(errors, SaveResult<T>.GeneralErrorKey, MasterDataText.Message("RecordWasDeleted"));
            return Failure(errors);
        }
        if (existing is null)
        {
            db.Set<T>().Add(entity);
            saved = entity;
        }
        else
        {
            var entry = db.Entry(existing);
            var created = existing.SystemCreatedAt;
            var modified = existing.SystemModifiedAt;
            entry.CurrentValues.SetValues(entity);
            existing.SystemCreatedAt = created;
            existing.SystemModifiedAt = modified;
            saved = existing;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Nothing was saved: give the caller its record back as it was, so the card can be corrected and saved again.
            (entity.SystemId, entity.SystemCreatedAt, entity.SystemModifiedAt) = (systemId, createdAt, modifiedAt);
            if (ex is DbUpdateConcurrencyException)
            {
                AddError(errors, SaveResult<T>.GeneralErrorKey, MasterDataText.Message("RecordWasDeleted"));
                return Failure(errors);
            }
            db.ChangeTracker.Clear();
            if (!await KeyIsTakenAsync(db, key, saved.SystemId, ct))
                throw;
            // Another user saved the same No. between the check and the insert; the unique index caught it.
            AddError(errors, KeyField, MasterDataText.Message("AlreadyExists", MasterDataText.FieldCaption(KeyField), key));
            return Failure(errors);
        }

        entity.SystemId = saved.SystemId;
        entity.SystemCreatedAt = saved.SystemCreatedAt;
        entity.SystemModifiedAt = saved.SystemModifiedAt;
        return SaveResult<T>.Success(saved);
    }

    /// <summary>Deletes the record; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(Guid systemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<T>().Where(e => e.SystemId == systemId).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Fills fields BC derives from others (e.g. a person's Name from its name parts), before validation.</summary>
    protected virtual void Complete(T entity)
    {
    }

    /// <summary>Checks codes that point at setup tables (Currency Code, Salesperson Code, ...).</summary>
    protected virtual Task ValidateReferencesAsync(PortalDbContext db, T entity, Dictionary<string, List<string>> errors, CancellationToken ct) =>
        Task.CompletedTask;

    protected static async Task CheckCodeExistsAsync<TSetup>(PortalDbContext db, string field, string code,
        Dictionary<string, List<string>> errors, CancellationToken ct) where TSetup : MasterRecord
    {
        if (code.Length == 0 || errors.ContainsKey(field))
            return;
        var keyField = typeof(TSetup).GetProperty("Code") is not null ? "Code" : "No";
        if (!await db.Set<TSetup>().AnyAsync(e => EF.Property<string>(e, keyField) == code, ct))
            AddError(errors, field, MasterDataText.Message("DoesNotExist", MasterDataText.FieldCaption(field), code));
    }

    protected static void AddError(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    private Task<bool> KeyIsTakenAsync(PortalDbContext db, string key, Guid systemId, CancellationToken ct) =>
        db.Set<T>().AsNoTracking().AnyAsync(e => EF.Property<string>(e, KeyField) == key && e.SystemId != systemId, ct);

    private static SaveResult<T> Failure(Dictionary<string, List<string>> errors) =>
        SaveResult<T>.Failure(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.AsReadOnly()));

    private static IQueryable<T> ApplySearch(PortalDbContext db, IQueryable<T> query, string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
            return query;

        // "contains, ignoring case" as a LIKE pattern; the term is a parameter, its wildcards escaped.
        var pattern = "%" + search.Trim()
            .Replace(PortalDbContext.LikeEscape, PortalDbContext.LikeEscape + PortalDbContext.LikeEscape, StringComparison.Ordinal)
            .Replace("%", PortalDbContext.LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", PortalDbContext.LikeEscape + "_", StringComparison.Ordinal) + "%";
        var entity = Expression.Parameter(typeof(T), "e");
        return query.Where(Expression.Lambda<Func<T, bool>>(db.SearchPredicate(entity, Parameter(pattern)), entity));
    }

    private static IQueryable<T> ApplyFilters(IQueryable<T> query, IReadOnlyDictionary<string, string?>? filters)
    {
        if (filters is null)
            return query;

        foreach (var (name, raw) in filters)
        {
            if (string.IsNullOrWhiteSpace(raw))
                continue;
            var property = FindProperty(name, "filter");
            var value = ParseFilterValue(property, raw.Trim());
            var entity = Expression.Parameter(typeof(T), "e");
            var equals = Expression.Equal(Expression.Property(entity, property), ParameterOfType(value, property.PropertyType));
            query = query.Where(Expression.Lambda<Func<T, bool>>(equals, entity));
        }
        return query;
    }

    private IQueryable<T> ApplySort(IQueryable<T> query, string? sortBy, bool descending)
    {
        var primary = string.IsNullOrWhiteSpace(sortBy) ? Properties[KeyField] : FindProperty(sortBy, "sort");
        var ordered = OrderBy(query, primary, descending, first: true);
        // The key as tie-breaker keeps pages stable; the (column, No.) indexes serve both in one scan.
        return primary.Name == KeyField ? ordered : OrderBy(ordered, Properties[KeyField], descending, first: false);
    }

    private static IOrderedQueryable<T> OrderBy(IQueryable<T> query, PropertyInfo property, bool descending, bool first)
    {
        var entity = Expression.Parameter(typeof(T), "e");
        var selector = Expression.Lambda(Expression.Property(entity, property), entity);
        var method = (first, descending) switch
        {
            (true, false) => nameof(Queryable.OrderBy),
            (true, true) => nameof(Queryable.OrderByDescending),
            (false, false) => nameof(Queryable.ThenBy),
            (false, true) => nameof(Queryable.ThenByDescending),
        };
        var call = Expression.Call(typeof(Queryable), method, [typeof(T), property.PropertyType], query.Expression, Expression.Quote(selector));
        return (IOrderedQueryable<T>)query.Provider.CreateQuery<T>(call);
    }

    private static PropertyInfo FindProperty(string name, string purpose) =>
        Properties.TryGetValue(name, out var property)
            ? property
            : throw new ArgumentException(
                $"'{name}' is not a {typeof(T).Name} field the list can {purpose} by. Use one of: {string.Join(", ", Properties.Keys.Order())}.");

    private static object ParseFilterValue(PropertyInfo property, string raw)
    {
        var type = property.PropertyType;
        try
        {
            if (type == typeof(string))
                return raw;
            if (type.IsEnum)
                return Enum.TryParse(type, raw, ignoreCase: true, out var option) && Enum.IsDefined(type, option!)
                    ? option!
                    : throw new FormatException();
            if (type == typeof(bool))
                return bool.Parse(raw);
            if (type == typeof(Guid))
                return Guid.Parse(raw);
            if (type == typeof(DateTime))
                return DateTime.Parse(raw, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
            return Convert.ChangeType(raw, type, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"'{raw}' is not a valid value for the {typeof(T).Name} filter '{property.Name}'.", ex);
        }
    }

    /// <summary>A captured value, so EF sends it as a SQL parameter rather than inlining it.</summary>
    private static Expression Parameter(string value) => ParameterOfType(value, typeof(string));

    private static Expression ParameterOfType(object value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(ValueHolder<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), "Value");
    }

    private static bool IsScalar(Type type) =>
        type == typeof(string) || type == typeof(decimal) || type == typeof(bool) || type == typeof(int)
        || type == typeof(DateTime) || type == typeof(Guid) || type.IsEnum;
}

/// <summary>A captured value: EF turns a member of a closure object into a SQL parameter.</summary>
internal sealed class ValueHolder<TValue>(TValue value)
{
    public TValue Value { get; } = value;
}
