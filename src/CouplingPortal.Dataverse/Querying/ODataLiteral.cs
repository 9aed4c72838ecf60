using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// Formats values as OData literals the way Dataverse reads them (reference §2.2): strings quoted with '' doubling,
/// GUIDs, numbers and date-times bare, null and booleans as keywords. The result is not URL-encoded; callers encode the
/// whole query option (<see cref="DataverseQuery"/>) or key segment (<see cref="DataverseKey"/>).
/// </summary>
public static partial class ODataLiteral
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        DateTime dt => FormatDateTime(dt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dt, DateTimeKind.Utc) : dt.ToUniversalTime()),
        DateTimeOffset dto => FormatDateTime(dto.UtcDateTime),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be used as OData literals.", nameof(value)),
    };

    /// <summary>'O''Brien' for O'Brien.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Escapes the SQL wildcards that stay live inside contains/startswith/endswith (% _ [ ) by bracketing them,
    /// so user input matches literally (reference §2.2).
    /// </summary>
    public static string EscapeLikeWildcards(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '[')
            {
                sb.Append('[').Append(c).Append(']');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Column, lookup-path and entity-set names: letters, digits, underscores, '/' between path parts.</summary>
    public static string Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Dataverse column or table name.", nameof(name));
        }

        return name;
    }

    private static string FormatDateTime(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(/[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex NamePattern();
}
