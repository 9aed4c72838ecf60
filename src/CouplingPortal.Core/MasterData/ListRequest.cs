namespace CouplingPortal.Core.MasterData;

/// <summary>
/// One page of a master-data list. <paramref name="Page"/> is 0-based. <paramref name="SortBy"/> and the keys of
/// <paramref name="Filters"/> are entity property names (e.g. "Name", "Blocked"); a name the list does not offer is
/// rejected with an <see cref="ArgumentException"/>. A filter with an empty value is ignored. Enum filters take the
/// member name ("Person") or its number; bool filters "true"/"false"; text filters match the whole value.
/// <paramref name="Coupled"/> keeps only coupled (true) or uncoupled (false) records (BC's "Coupled to Dataverse");
/// <paramref name="IncludeCoupled"/> asks for the page's coupled flags in <see cref="ListPage{T}.CoupledIds"/>.
/// </summary>
public sealed record ListRequest(
    int Page,
    int PageSize,
    string? Search = null,
    string? SortBy = null,
    bool Descending = false,
    IReadOnlyDictionary<string, string?>? Filters = null,
    bool? Coupled = null,
    bool IncludeCoupled = false);

public sealed record ListPage<T>(IReadOnlyList<T> Items, int TotalCount)
{
    /// <summary>The SystemIds of the page's records that are coupled to Dataverse (only when the request asked for them).</summary>
    public IReadOnlySet<Guid> CoupledIds { get; init; } = new HashSet<Guid>();

    public bool IsCoupled(T item) => item is MasterRecord record && CoupledIds.Contains(record.SystemId);
}

/// <summary>
/// The outcome of a save. <see cref="FieldErrors"/> is keyed by entity property name ("No", "Email"); errors that
/// belong to no field use the key <see cref="GeneralErrorKey"/>. Messages are in the current UI culture.
/// </summary>
public sealed record SaveResult<T>(bool Succeeded, T? Record, IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors)
    where T : class
{
    public const string GeneralErrorKey = "";

    public static SaveResult<T> Success(T record) => new(true, record, new Dictionary<string, IReadOnlyList<string>>());

    public static SaveResult<T> Failure(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => new(false, null, errors);
}

/// <summary>A code and its description, for card dropdowns (currencies, salespeople, payment terms, ...).</summary>
public sealed record LookupEntry(string Code, string Description);
