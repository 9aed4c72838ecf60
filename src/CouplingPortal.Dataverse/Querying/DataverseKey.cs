namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// Identifies one row: by primary key GUID, or by alternate key columns (reference §3.5). The key segment is built from
/// escaped literals and percent-encoded, never from raw text.
/// </summary>
public sealed class DataverseKey
{
    private readonly Guid? _id;
    private readonly IReadOnlyList<KeyValuePair<string, object?>> _columns;

    private DataverseKey(Guid? id, IReadOnlyList<KeyValuePair<string, object?>> columns)
    {
        _id = id;
        _columns = columns;
    }

    public static DataverseKey Id(Guid id) => new(id, []);

    /// <summary>An alternate key: one or more (column, value) pairs, e.g. ("accountnumber", "C10000").</summary>
    public static DataverseKey Alternate(params (string Column, object? Value)[] columns)
    {
        if (columns.Length == 0)
        {
            throw new ArgumentException("An alternate key needs at least one column.", nameof(columns));
        }

        return new DataverseKey(null, columns.Select(c => KeyValuePair.Create(ODataLiteral.Name(c.Column), c.Value)).ToList());
    }

    public static implicit operator DataverseKey(Guid id) => Id(id);

    public Guid? PrimaryId => _id;

    public IReadOnlyList<KeyValuePair<string, object?>> AlternateColumns => _columns;

    /// <summary>The text between the parentheses, URL-encoded: a GUID or accountnumber='C%2710'.</summary>
    public string ToSegment() => _id is { } id
        ? id.ToString("D")
        : string.Join(",", _columns.Select(c => c.Key + "=" + Uri.EscapeDataString(ODataLiteral.Format(c.Value))));

    public string ToPath(DataverseTable table) => $"{table.EntitySetName}({ToSegment()})";

    public override string ToString() => _id?.ToString("D") ?? string.Join(",", _columns.Select(c => c.Key + "=" + ODataLiteral.Format(c.Value)));
}
