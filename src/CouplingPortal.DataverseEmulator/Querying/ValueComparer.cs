using System.Globalization;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>Compares stored values the way Dataverse's SQL collation does: strings case-insensitively, nulls first.</summary>
internal static class ValueComparer
{
    private static readonly CompareInfo Invariant = CultureInfo.InvariantCulture.CompareInfo;

    /// <summary>The comparable form of a stored value: lookups compare by id, whole numbers as decimals.</summary>
    public static object? Comparable(object? value) => value switch
    {
        EntityReference r => r.Id,
        int i => (decimal)i,
        long l => (decimal)l,
        _ => value,
    };

    public static int Compare(object? a, object? b)
    {
        a = Comparable(a);
        b = Comparable(b);
        if (a is null) return b is null ? 0 : -1;
        if (b is null) return 1;
        return (a, b) switch
        {
            (string x, string y) => Invariant.Compare(x, y, CompareOptions.IgnoreCase),
            (decimal x, decimal y) => x.CompareTo(y),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (Guid x, Guid y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            _ => string.CompareOrdinal(a.GetType().Name, b.GetType().Name),
        };
    }

    public static bool AreEqual(object? a, object? b) => Compare(a, b) == 0;
}
