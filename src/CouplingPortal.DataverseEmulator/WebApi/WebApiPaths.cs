using System.Text.RegularExpressions;


namespace CouplingPortal.DataverseEmulator.WebApi;

internal static partial class WebApiPaths
{
    [GeneratedRegex(@"/?api/data/v9\.[0-2]/", RegexOptions.IgnoreCase)]
    private static partial Regex ApiRoot();

    /// <summary>"https://org/api/data/v9.2/accounts(…)", "/accounts(…)" or "accounts(…)" → "accounts(…)".</summary>
    public static string StripToResourcePath(string reference)
    {
        var m = ApiRoot().Match(reference);
        var path = m.Success ? reference[(m.Index + m.Length)..] : reference;
        return path.TrimStart('/');
    }

    /// <summary>Splits "http://host/base/api/data/v9.2/path?query" (or a relative form) into version, path and query.</summary>
    public static bool TrySplit(string target, out string version, out string path, out string query)
    {
        var q = target.IndexOf('?');
        var beforeQuery = q < 0 ? target : target[..q];
        query = q < 0 ? "" : target[(q + 1)..];
        var at = beforeQuery.IndexOf("api/data/v9.", StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var digit = at + "api/data/v9.".Length;
            var rootStart = at == 0 || beforeQuery[at - 1] == '/';
            if (rootStart && digit < beforeQuery.Length && beforeQuery[digit] is >= '0' and <= '2' && (digit + 1 == beforeQuery.Length || beforeQuery[digit + 1] == '/'))
            {
                version = "v9." + beforeQuery[digit];
                path = digit + 2 <= beforeQuery.Length ? beforeQuery[Math.Min(digit + 2, beforeQuery.Length)..] : "";
                return true;
            }
            at = beforeQuery.IndexOf("api/data/v9.", at + 1, StringComparison.OrdinalIgnoreCase);
        }
        version = "v9.2";
        path = beforeQuery.TrimStart('/');
        return false;
    }

    /// <summary>Decodes a query string into options; an option given twice is refused, as Dataverse does.</summary>
    private static readonly IReadOnlyDictionary<string, string> NoQuery = new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    public static IReadOnlyDictionary<string, string> ParseQuery(string rawQuery)
    {
        if (rawQuery.Length == 0) return NoQuery;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + rawQuery))
        {
            if (values.Count > 1)
                throw DataverseErrors.BadRequest($"Query option '{name}' was specified more than once, but it must be specified at most once.");
            result[name] = values.ToString();
        }
        return result;
    }

    /// <summary>Finds the index of the ')' that closes the '(' at openIndex, skipping quoted literals.</summary>
    public static int MatchingParen(string text, int openIndex)
    {
        var quoted = false;
        for (var i = openIndex + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'') quoted = !quoted;
            else if (c == ')' && !quoted) return i;
        }
        return -1;
    }
}
