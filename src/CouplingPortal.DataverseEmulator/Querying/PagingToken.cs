using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>
/// The opaque $skiptoken: a keyset position (the last row's order-by values and id), not an offset, so pages stay
/// stable while rows are inserted or deleted between requests. Shaped like Dataverse's paging cookie.
/// </summary>
internal sealed partial record PagingToken(int PageNumber, IReadOnlyList<object?> LastValues, Guid LastId, long? TrackingVersion)
{
    [GeneratedRegex("state=\"([A-Za-z0-9_-]*)\"")]
    private static partial Regex StateAttribute();

    public string Encode(string primaryIdAttribute)
    {
        var state = new JsonObject
        {
            ["p"] = PageNumber,
            ["id"] = LastId.ToString("D"),
            ["v"] = new JsonArray(LastValues.Select(EncodeValue).ToArray()),
        };
        if (TrackingVersion is { } tv) state["t"] = tv;
        var stateText = Convert.ToBase64String(Encoding.UTF8.GetBytes(state.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var inner = $"<cookie page=\"{PageNumber - 1}\"><{primaryIdAttribute} last=\"{{{LastId.ToString("D").ToUpperInvariant()}}}\" /></cookie>";
        return $"<cookie pagenumber=\"{PageNumber}\" pagingcookie=\"{Uri.EscapeDataString(inner)}\" istracking=\"{(TrackingVersion is null ? "False" : "True")}\" state=\"{stateText}\" />";
    }

    public static PagingToken Decode(string token, int expectedValues)
    {
        try
        {
            var m = StateAttribute().Match(token);
            if (!m.Success) throw Invalid();
            var b64 = m.Groups[1].Value.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var state = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))!.AsObject();
            var values = state["v"]!.AsArray().Select(DecodeValue).ToList();
            if (values.Count != expectedValues) throw Invalid();
            return new PagingToken((int)state["p"]!, values, Guid.Parse((string)state["id"]!), state["t"] is { } t ? (long)t : null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException or NullReferenceException)
        {
            throw Invalid();
        }
    }

    private static DataverseException Invalid() => DataverseErrors.BadRequest("The $skiptoken is not valid for this query.", DataverseErrors.InvalidArgument);

    private static JsonNode? EncodeValue(object? value) => value switch
    {
        null => null,
        string s => new JsonArray("s", s),
        decimal d => new JsonArray("n", d.ToString(CultureInfo.InvariantCulture)),
        DateTime dt => new JsonArray("t", dt.Ticks.ToString(CultureInfo.InvariantCulture)),
        Guid g => new JsonArray("g", g.ToString("D")),
        bool b => new JsonArray("b", b ? "1" : "0"),
        _ => throw new InvalidOperationException($"Cannot page on a value of type {value.GetType().Name}."),
    };

    private static object? DecodeValue(JsonNode? node)
    {
        if (node is null) return null;
        var arr = node.AsArray();
        var text = (string)arr[1]!;
        return (string)arr[0]! switch
        {
            "s" => text,
            "n" => decimal.Parse(text, CultureInfo.InvariantCulture),
            "t" => new DateTime(long.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc),
            "g" => Guid.Parse(text),
            "b" => text == "1",
            _ => throw new FormatException(),
        };
    }
}
