namespace CouplingPortal.Web.Components.Shared;

/// <summary>
/// The field errors of the last save, keyed by entity property name as Core's SaveResult gives them. A new
/// instance per save, so the cascading value changes and every field re-renders.
/// </summary>
public sealed class CardErrors(IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
{
    public static readonly CardErrors None = new(new Dictionary<string, IReadOnlyList<string>>());

    public bool Has(string field) => errors.ContainsKey(field);

    public string? For(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Errors that belong to no field (Core's general key), e.g. "the record was deleted meanwhile".</summary>
    public IEnumerable<string> General => errors.TryGetValue("", out var messages) ? messages : [];

    public bool Any => errors.Count > 0;
}
