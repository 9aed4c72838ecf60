namespace CouplingPortal.DataverseEmulator.Batch;

/// <summary>One MIME part of a multipart body: the headers $batch needs and where its content lies in the body.</summary>
internal sealed record MimePart(string? ContentType, string? ContentId, string Source, int Start, int End)
{
    public string Content => Source[Start..End];
}

/// <summary>One HTTP request embedded in an application/http part.</summary>
internal sealed record EmbeddedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string? Body, string? ContentId);

/// <summary>
/// Reads multipart/mixed bodies ($batch and changesets) and the application/http requests inside them. Accepts CRLF
/// or LF. Works on offsets into the body so a thousand parts cost a thousand small strings, not copies of the body.
/// </summary>
internal static class MultipartParser
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

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

    public static List<MimePart> Parse(string body, string boundary) => Parse(body, 0, body.Length, boundary);

    public static List<MimePart> Parse(string body, int start, int end, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<MimePart>();
        var pos = FindDelimiter(body, delimiter, start, end);
        if (pos < 0) throw new FormatException($"The multipart body does not contain the boundary '{boundary}'.");
        while (true)
        {
            var afterDelimiter = pos + delimiter.Length;
            if (afterDelimiter + 2 <= end && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') break;
            var partStart = SkipLineEnd(body, afterDelimiter);
            var next = FindDelimiter(body, delimiter, partStart, end);
            if (next < 0) throw new FormatException("The multipart body is not terminated by its closing boundary.");
            var partEnd = next;
            if (partEnd >= 2 && body[partEnd - 1] == '\n') partEnd -= body[partEnd - 2] == '\r' ? 2 : 1;
            var contentStart = ReadPartHeaders(body, partStart, partEnd, out var contentType, out var contentId);
            parts.Add(new MimePart(contentType, contentId, body, Math.Min(contentStart, partEnd), partEnd));
            pos = next;
        }
        return parts;
    }

    private static int FindDelimiter(string body, string delimiter, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            i = body.IndexOf(delimiter, i, end - i, StringComparison.Ordinal);
            if (i < 0) return -1;
            if (i == 0 || body[i - 1] == '\n') return i;
            i += delimiter.Length;
        }
        return -1;
    }

    private static int SkipLineEnd(string s, int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i < s.Length && s[i] == '\r') i++;
        if (i < s.Length && s[i] == '\n') i++;
        return i;
    }

    /// <summary>Reads "Name: value" lines from start up to the first empty line; returns where the content begins.</summary>
    private static int ReadHeaders(string s, int start, int end, Action<string, string> header)
    {
        var i = start;
        while (i < end)
        {
            var lineEnd = s.IndexOf('\n', i, end - i);
            var stop = lineEnd < 0 ? end : lineEnd;
            var line = s.AsSpan(i, stop - i).TrimEnd('\r');
            i = lineEnd < 0 ? end : lineEnd + 1;
            if (line.IsEmpty) break;
            var colon = line.IndexOf(':');
            if (colon > 0) header(line[..colon].Trim().ToString(), line[(colon + 1)..].Trim().ToString());
        }
        return i;
    }

    /// <summary>
    /// Like <see cref="ReadHeaders"/> for the MIME headers of a part, but makes strings only of the two it keeps:
    /// every part of a 1,000-operation batch also carries Content-Transfer-Encoding, which is not needed.
    /// </summary>
    private static int ReadPartHeaders(string s, int start, int end, out string? contentType, out string? contentId)
    {
        contentType = contentId = null;
        var i = start;
        while (i < end)
        {
            var lineEnd = s.IndexOf('\n', i, end - i);
            var stop = lineEnd < 0 ? end : lineEnd;
            var line = s.AsSpan(i, stop - i).TrimEnd('\r');
            i = lineEnd < 0 ? end : lineEnd + 1;
            if (line.IsEmpty) break;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentType = line[(colon + 1)..].Trim().ToString();
            else if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase)) contentId = line[(colon + 1)..].Trim().ToString();
        }
        return i;
    }

    public static EmbeddedRequest ParseRequest(MimePart part)
    {
        var s = part.Source;
        var end = part.End;
        var lineEnd = s.IndexOf('\n', part.Start, end - part.Start);
        var requestLine = s.AsSpan(part.Start, (lineEnd < 0 ? end : lineEnd) - part.Start).Trim();
        var firstSpace = requestLine.IndexOf(' ');
        if (firstSpace <= 0) throw new FormatException($"The batch part does not start with a request line: '{requestLine.ToString()}'.");
        var rest = requestLine[(firstSpace + 1)..].TrimStart();
        var secondSpace = rest.IndexOf(' ');
        var method = requestLine[..firstSpace].ToString().ToUpperInvariant();
        var target = (secondSpace < 0 ? rest : rest[..secondSpace]).ToString();

        Dictionary<string, string>? headers = null;
        var contentId = part.ContentId;
        var bodyStart = lineEnd < 0 ? end : ReadHeaders(s, lineEnd + 1, end, (name, value) =>
        {
            if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase)) contentId ??= value;
            (headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase))[name] = value;
        });
        var bodyEnd = end;
        while (bodyEnd > bodyStart && s[bodyEnd - 1] is '\r' or '\n') bodyEnd--;
        var body = bodyEnd > bodyStart ? s[bodyStart..bodyEnd] : null;
        return new EmbeddedRequest(method, target, headers ?? NoHeaders, body, contentId);
    }
}
