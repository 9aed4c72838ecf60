namespace CouplingPortal.DataverseEmulator.Batch;

/// <summary>One MIME part: its headers and its content.</summary>
internal sealed record MimePart(IReadOnlyDictionary<string, string> Headers, string Content);

/// <summary>One HTTP request embedded in an application/http part.</summary>
internal sealed record EmbeddedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentId);

/// <summary>Reads multipart/mixed bodies ($batch and changesets) and the application/http requests inside them. Accepts CRLF or LF.</summary>
internal static class MultipartParser
{
    public static string? Boundary(string? contentType)
    {
        if (contentType is null) return null;
        foreach (var part in contentType.Split(';'))
        {
            var p = part.Trim();
            if (p.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
                return p["boundary=".Length..].Trim('"');
        }
        return null;
    }

    public static List<MimePart> Parse(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<MimePart>();
        var pos = FindDelimiter(body, delimiter, 0);
        if (pos < 0) throw new FormatException($"The multipart body does not contain the boundary '{boundary}'.");
        while (true)
        {
            var afterDelimiter = pos + delimiter.Length;
            if (string.CompareOrdinal(body, afterDelimiter, "--", 0, 2) == 0) break;
            var contentStart = SkipLineEnd(body, afterDelimiter);
            var next = FindDelimiter(body, delimiter, contentStart);
            if (next < 0) throw new FormatException("The multipart body is not terminated by its closing boundary.");
            var raw = body[contentStart..next];
            if (raw.EndsWith("\r\n", StringComparison.Ordinal)) raw = raw[..^2];
            else if (raw.EndsWith('\n')) raw = raw[..^1];
            parts.Add(ParsePart(raw));
            pos = next;
        }
        return parts;
    }

    private static int FindDelimiter(string body, string delimiter, int start)
    {
        var i = start;
        while (true)
        {
            i = body.IndexOf(delimiter, i, StringComparison.Ordinal);
            if (i < 0) return -1;
            if (i == 0 || body[i - 1] == '\n') return i;
            i += delimiter.Length;
        }
    }

    private static int SkipLineEnd(string s, int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i < s.Length && s[i] == '\r') i++;
        if (i < s.Length && s[i] == '\n') i++;
        return i;
    }

    private static MimePart ParsePart(string raw)
    {
        var (headers, content) = SplitHeaders(raw);
        return new MimePart(headers, content);
    }

    /// <summary>Splits "Header: v\r\n…\r\n\r\ncontent" into headers and content.</summary>
    private static (Dictionary<string, string> Headers, string Content) SplitHeaders(string raw)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < raw.Length)
        {
            var lineEnd = raw.IndexOf('\n', i);
            var line = (lineEnd < 0 ? raw[i..] : raw[i..lineEnd]).TrimEnd('\r');
            i = lineEnd < 0 ? raw.Length : lineEnd + 1;
            if (line.Length == 0) break;
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (headers, i < raw.Length ? raw[i..] : "");
    }

    public static EmbeddedRequest ParseRequest(MimePart part)
    {
        var content = part.Content;
        var lineEnd = content.IndexOf('\n');
        var requestLine = (lineEnd < 0 ? content : content[..lineEnd]).TrimEnd('\r').Trim();
        var words = requestLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) throw new FormatException($"The batch part does not start with a request line: '{requestLine}'.");
        var (headers, body) = SplitHeaders(lineEnd < 0 ? "" : content[(lineEnd + 1)..]);
        body = body.TrimEnd('\r', '\n');
        var contentId = part.Headers.GetValueOrDefault("Content-ID") ?? headers.GetValueOrDefault("Content-ID");
        return new EmbeddedRequest(words[0].ToUpperInvariant(), words[1], headers, body.Length == 0 ? null : body, contentId);
    }
}
