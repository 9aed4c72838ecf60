using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CouplingPortal.DataverseEmulator.Batch;

/// <summary>One MIME part of a multipart body: the headers $batch needs and its content (a slice of the body, not a copy).</summary>
internal sealed record MimePart(string? ContentType, string? ContentId, ReadOnlyMemory<byte> Content);

/// <summary>One HTTP request embedded in an application/http part; the body stays a UTF-8 slice of the $batch body.</summary>
internal sealed record EmbeddedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte>? Body, string? ContentId);

/// <summary>
/// Reads multipart/mixed bodies ($batch and changesets) and the application/http requests inside them, straight from
/// the UTF-8 bytes of the request. Accepts CRLF or LF. The framing is ASCII, so a part's text is decoded only where a
/// string is needed (method, URL, header values); JSON bodies stay bytes for the JSON reader. A 1,000-operation body
/// is several hundred KB: decoding it whole would put a string of twice that size on the large object heap per batch.
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

    public static List<MimePart> Parse(ReadOnlyMemory<byte> body, string boundary)
    {
        var delimiter = Encoding.UTF8.GetBytes("--" + boundary);
        var span = body.Span;
        var end = span.Length;
        var parts = new List<MimePart>();
        var pos = FindDelimiter(span, delimiter, 0);
        if (pos < 0) throw new FormatException($"The multipart body does not contain the boundary '{boundary}'.");
        while (true)
        {
            var afterDelimiter = pos + delimiter.Length;
            if (afterDelimiter + 2 <= end && span[afterDelimiter] == '-' && span[afterDelimiter + 1] == '-') break;
            var partStart = SkipLineEnd(span, afterDelimiter);
            var next = FindDelimiter(span, delimiter, partStart);
            if (next < 0) throw new FormatException("The multipart body is not terminated by its closing boundary.");
            var partEnd = next;
            if (partEnd >= 2 && span[partEnd - 1] == '\n') partEnd -= span[partEnd - 2] == '\r' ? 2 : 1;
            var contentStart = ReadPartHeaders(span, partStart, partEnd, out var contentType, out var contentId);
            var start = Math.Min(contentStart, partEnd);
            parts.Add(new MimePart(contentType, contentId, body[start..Math.Max(start, partEnd)]));
            pos = next;
        }
        return parts;
    }

    /// <summary>The next delimiter at the start of a line (or of the body) at or after <paramref name="start"/>.</summary>
    private static int FindDelimiter(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter, int start)
    {
        var i = start;
        while (i < body.Length)
        {
            var found = body[i..].IndexOf(delimiter);
            if (found < 0) return -1;
            i += found;
            if (i == 0 || body[i - 1] == '\n') return i;
            i += delimiter.Length;
        }
        return -1;
    }

    private static int SkipLineEnd(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i < s.Length && s[i] == '\r') i++;
        if (i < s.Length && s[i] == '\n') i++;
        return i;
    }

    private static ReadOnlySpan<byte> Line(ReadOnlySpan<byte> s, ref int i, int end)
    {
        var lineEnd = s[i..end].IndexOf((byte)'\n');
        var stop = lineEnd < 0 ? end : i + lineEnd;
        var line = s[i..stop].TrimEnd((byte)'\r');
        i = lineEnd < 0 ? end : stop + 1;
        return line;
    }

    /// <summary>
    /// Reads the MIME headers of a part up to the first empty line and returns where the content begins; keeps only
    /// Content-Type and Content-ID (every part also carries Content-Transfer-Encoding, which is not needed).
    /// </summary>
    private static int ReadPartHeaders(ReadOnlySpan<byte> s, int start, int end, out string? contentType, out string? contentId)
    {
        contentType = contentId = null;
        var i = start;
        while (i < end)
        {
            var line = Line(s, ref i, end);
            if (line.IsEmpty) break;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = line[..colon].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) contentType = Text(line[(colon + 1)..]);
            else if (Ascii.EqualsIgnoreCase(name, "Content-ID"u8)) contentId = Text(line[(colon + 1)..]);
        }
        return i;
    }

    /// <summary>The headers of a part that carries only the JSON content type (every create and update the client sends).</summary>
    private static readonly IReadOnlyDictionary<string, string> JsonEntryHeaders =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json; type=entry" }.AsReadOnly();

    /// <summary>
    /// The URL of the previous request of a batch: the parts of a batch mostly share theirs (a thousand creates in one
    /// entity set), and one equal to the previous is not decoded again.
    /// </summary>
    internal sealed class LastTarget
    {
        public ReadOnlyMemory<byte> Utf8;
        public string? Text;
    }

    public static EmbeddedRequest ParseRequest(MimePart part) => ParseRequest(part, new LastTarget());

    public static EmbeddedRequest ParseRequest(MimePart part, LastTarget last)
    {
        var s = part.Content.Span;
        var end = s.Length;
        var i = 0;
        var requestLine = Line(s, ref i, end).Trim(" \t\r\n"u8);
        var firstSpace = requestLine.IndexOf((byte)' ');
        if (firstSpace <= 0) throw new FormatException($"The batch part does not start with a request line: '{Encoding.UTF8.GetString(requestLine)}'.");
        var rest = requestLine[(firstSpace + 1)..].TrimStart((byte)' ');
        var secondSpace = rest.IndexOf((byte)' ');
        var method = Method(requestLine[..firstSpace]);
        var targetUtf8 = secondSpace < 0 ? rest : rest[..secondSpace];
        if (last.Text is null || !targetUtf8.SequenceEqual(last.Utf8.Span))
        {
            var offset = targetUtf8.IsEmpty ? 0 : (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(s), ref MemoryMarshal.GetReference(targetUtf8));
            last.Utf8 = part.Content.Slice(offset, targetUtf8.Length);
            last.Text = Encoding.UTF8.GetString(targetUtf8);
        }
        var target = last.Text;

        Dictionary<string, string>? headers = null;
        IReadOnlyDictionary<string, string>? sharedJsonHeaders = null;
        var contentId = part.ContentId;
        while (i < end)
        {
            var line = Line(s, ref i, end);
            if (line.IsEmpty) break;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0) continue;
            var name = Text(line[..colon]);
            var value = Text(line[(colon + 1)..]);
            if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase)) contentId ??= value;
            if (headers is null && ReferenceEquals(name, "Content-Type") && ReferenceEquals(value, "application/json; type=entry") && sharedJsonHeaders is null)
            {
                sharedJsonHeaders = JsonEntryHeaders;
                continue;
            }
            if (headers is null)
            {
                headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (sharedJsonHeaders is not null) headers["Content-Type"] = "application/json; type=entry";
                sharedJsonHeaders = null;
            }
            headers[name] = value;
        }
        var bodyEnd = end;
        while (bodyEnd > i && s[bodyEnd - 1] is (byte)'\r' or (byte)'\n') bodyEnd--;
        ReadOnlyMemory<byte>? body = bodyEnd > i ? part.Content[i..bodyEnd] : null;
        return new EmbeddedRequest(method, target, headers ?? sharedJsonHeaders ?? NoHeaders, body, contentId);
    }

    private static string Method(ReadOnlySpan<byte> method) =>
        method.SequenceEqual("POST"u8) ? "POST"
        : method.SequenceEqual("PATCH"u8) ? "PATCH"
        : method.SequenceEqual("GET"u8) ? "GET"
        : method.SequenceEqual("DELETE"u8) ? "DELETE"
        : Encoding.UTF8.GetString(method).ToUpperInvariant();

    /// <summary>Header names and values every part repeats, shared instead of a new string per part.</summary>
    private static readonly string[] KnownTexts =
        ["Content-Type", "application/http", "application/json; type=entry", "application/json", "Content-ID", "Accept", "If-Match", "*"];

    private static readonly byte[][] KnownUtf8 = KnownTexts.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>A trimmed header name or value as text.</summary>
    private static string Text(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.Trim(" \t"u8);
        for (var k = 0; k < KnownUtf8.Length; k++)
            if (utf8.SequenceEqual(KnownUtf8[k])) return KnownTexts[k];
        return Encoding.UTF8.GetString(utf8);
    }
}
