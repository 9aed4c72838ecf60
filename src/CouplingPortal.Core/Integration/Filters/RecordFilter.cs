using System.Text.Json;
using System.Text.Json.Serialization;

namespace CouplingPortal.Core.Integration.Filters;

public enum FilterOperator
{
    /// <summary>Equal to one of the values (BC's 3|11).</summary>
    Equal = 0,
    /// <summary>Equal to none of the values.</summary>
    NotEqual = 1,
    GreaterThan = 2,
    GreaterThanOrEqual = 3,
    LessThan = 4,
    LessThanOrEqual = 5,
    /// <summary>Text contains the value, ignoring case; wildcard characters match literally.</summary>
    Contains = 6,
    StartsWith = 7,
    /// <summary>No value: empty text, null lookup, 0, false or the first option.</summary>
    IsEmpty = 8,
    IsNotEmpty = 9,
}

/// <summary>
/// One line of a filter: a field (a local property name, or a Dataverse column logical name), an operator and its
/// values as invariant text ("3", "None", "true", "2026-01-31T00:00:00Z"). Values are typed against the field when the
/// filter is validated, evaluated or translated; they never become query text as they are.
/// </summary>
public sealed record FilterCondition(string Field, FilterOperator Operator, IReadOnlyList<string> Values)
{
    public FilterCondition(string field, FilterOperator op, params string[] values) : this(field, op, (IReadOnlyList<string>)values)
    {
    }

    public bool Equals(FilterCondition? other) =>
        other is not null && Field == other.Field && Operator == other.Operator && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Field, Operator, Values.Count);

    public override string ToString() => Operator switch
    {
        FilterOperator.Equal => $"{Field}={string.Join('|', Values)}",
        FilterOperator.NotEqual => $"{Field}<>{string.Join('&', Values)}",
        FilterOperator.GreaterThan => $"{Field}>{Values.FirstOrDefault()}",
        FilterOperator.GreaterThanOrEqual => $"{Field}>={Values.FirstOrDefault()}",
        FilterOperator.LessThan => $"{Field}<{Values.FirstOrDefault()}",
        FilterOperator.LessThanOrEqual => $"{Field}<={Values.FirstOrDefault()}",
        FilterOperator.Contains => $"{Field}=*{Values.FirstOrDefault()}*",
        FilterOperator.StartsWith => $"{Field}={Values.FirstOrDefault()}*",
        FilterOperator.IsEmpty => $"{Field}=''",
        FilterOperator.IsNotEmpty => $"{Field}<>''",
        _ => $"{Field} {Operator}",
    };
}

/// <summary>
/// A structured filter: every condition must hold (AND); alternatives within one field are the values of an
/// <see cref="FilterOperator.Equal"/> condition. Stored as JSON; see <see cref="RecordFilterValidator"/>,
/// <see cref="LocalFilterEvaluator"/> and <see cref="IntegrationTableFilterTranslator"/>.
/// </summary>
public sealed record RecordFilter(IReadOnlyList<FilterCondition> Conditions)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public static RecordFilter Empty { get; } = new([]);

    public RecordFilter(params FilterCondition[] conditions) : this((IReadOnlyList<FilterCondition>)conditions)
    {
    }

    public bool IsEmpty => Conditions.Count == 0;

    public bool Equals(RecordFilter? other) => other is not null && Conditions.SequenceEqual(other.Conditions);

    public override int GetHashCode() => Conditions.Count;

    /// <summary>A filter with one more condition.</summary>
    public RecordFilter And(FilterCondition condition) => new([.. Conditions, condition]);

    /// <summary>BC-like display text, e.g. "Blocked=None, customertypecode=3|11"; for screens, never for queries.</summary>
    public override string ToString() => string.Join(", ", Conditions);

    public string ToJson() => JsonSerializer.Serialize(Conditions.Select(c => new StoredCondition(c.Field, c.Operator, [.. c.Values])), Json);

    /// <summary>Reads stored JSON; throws <see cref="JsonException"/> for text that is not a list of conditions.</summary>
    public static RecordFilter FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        var stored = JsonSerializer.Deserialize<List<StoredCondition>>(json, Json) ?? throw new JsonException("A filter must be a JSON array.");
        return new RecordFilter([.. stored.Select(s => new FilterCondition(
            s.Field ?? "", s.Operator, (IReadOnlyList<string>)(s.Values ?? [])))]);
    }

    private sealed record StoredCondition(string? Field, FilterOperator Operator, List<string>? Values);
}
