using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CouplingPortal.Dataverse.Batching;

/// <summary>
/// Writes a $batch multipart/mixed body and reads the answer (reference §5). Microsoft.AspNet.WebApi.Client's
/// HttpMessageContent is not in the mirror, so this is a small hand-written serialiser and parser.
/// </summary>
internal static class BatchWire
{
    private const string Crlf = "\r\n";

    public static HttpContent Write(Uri webApiUrl, IReadOnlyList<BatchItem> items, out string boundary)
    {
        boundary = "batch_" + Guid.NewGuid().ToString("N");
        // The URL root and the delimiter repeat in every part: encoded once per batch.
        var root = Encoding.UTF8.GetBytes(webApiUrl.AbsoluteUri);
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary + Crlf);
        var estimate = items.Sum(i => i switch
        {
            BatchOperation op => 200 + (op.BodyUtf8?.Length ?? 0),
            BatchChangeSet set => 100 + set.Operations.Sum(o => 200 + (o.BodyUtf8?.Length ?? 0)),
            _ => 0,
        });
        var output = new ArrayBufferWriter<byte>(estimate + 256);
        var contentId = 0;
        foreach (var item in items)
        {
            output.Write(delimiter);
            switch (item)
            {
                case BatchOperation op:
                    WriteOperation(output, root, op, null);
                    break;
                case BatchChangeSet set:
                    var changeset = "changeset_" + Guid.NewGuid().ToString("N");
                    Ascii(output, "Content-Type: multipart/mixed; boundary=" + changeset + Crlf + Crlf);
                    foreach (var op in set.Operations)
                    {
                        Ascii(output, "--" + changeset + Crlf);
                        WriteOperation(output, root, op, ++contentId);
                    }

                    Ascii(output, "--" + changeset + "--" + Crlf);
                    break;
            }
        }

        Ascii(output, "--" + boundary + "--" + Crlf);
        var content = new ReadOnlyMemoryContent(output.WrittenMemory);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        return content;
    }

    private static void WriteOperation(ArrayBufferWriter<byte> output, byte[] root, BatchOperation op, int? contentId)
    {
        // Written piece by piece straight into the body buffer: a StringBuilder plus ToString per operation was a
        // large share of the client's allocations (and so of its GCs) in a 1,000-operation batch.
        Ascii(output, "Content-Type: application/http" + Crlf + "Content-Transfer-Encoding: binary" + Crlf);
        if (contentId is { } id)
        {
            Ascii(output, "Content-ID: ");
            Int(output, id);
            Ascii(output, Crlf);
        }

        Ascii(output, Crlf);
        Ascii(output, op.Method.Method);
        Ascii(output, " ");
        output.Write(root);
        Utf8(output, op.RelativeUrl);
        Ascii(output, " HTTP/1.1" + Crlf);
        foreach (var header in op.Headers)
        {
            Utf8(output, header.Key);
            Ascii(output, ": ");
            Utf8(output, header.Value);
            Ascii(output, Crlf);
        }

        Ascii(output, op.BodyUtf8 is null ? "Accept: application/json" + Crlf + Crlf : "Content-Type: application/json; type=entry" + Crlf + Crlf);
        if (op.BodyUtf8 is not null)
        {
            output.Write(op.BodyUtf8);
            Ascii(output, Crlf);
        }
    }

    private static void Int(ArrayBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(11);
        value.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private static void Ascii(ArrayBufferWriter<byte> output, string text) => Utf8(output, text);

    private static void Utf8(ArrayBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>One response part. A change set answers with nested parts, or with a single part when it failed as a whole.</summary>
    internal sealed record Part(string? ContentId, HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body, IReadOnlyList<Part>? Nested);

    public static IReadOnlyList<Part> Read(string body, string boundary) => Read(Encoding.UTF8.GetBytes(body), boundary);

    /// <summary>
    /// Parses a multipart/mixed answer from its UTF-8 bytes: the framing is ASCII, so only header values and bodies
    /// become strings (a 1,000-operation answer decoded whole would be a string of some 700 KB per batch).
    /// </summary>
    public static IReadOnlyList<Part> Read(ReadOnlySpan<byte> body, string boundary) =>
        Read(body, Encoding.ASCII.GetBytes("--" + boundary), new HeaderTexts());

    public static string BoundaryOf(string contentType)
    {
        var parsed = MediaTypeHeaderValue.Parse(contentType);
        var boundary = parsed.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value
            ?? throw new FormatException("The multipart response has no boundary.");
        return boundary.Trim('"');
    }

    private static List<Part> Read(ReadOnlySpan<byte> body, ReadOnlySpan<byte> delimiter, HeaderTexts texts)
    {
        var parts = new List<Part>();
        var end = body.Length;
        var position = body.IndexOf(delimiter);
        while (position >= 0)
        {
            var partStart = position + delimiter.Length;
            if (partStart + 2 <= end && body[partStart] == '-' && body[partStart + 1] == '-')
            {
                break;
            }

            var found = partStart < end ? body[partStart..].IndexOf(delimiter) : -1;
            var next = found < 0 ? -1 : partStart + found;
            var partEnd = next < 0 ? end : next;
            partStart = SkipLineBreak(body, partStart);
            parts.Add(ReadPart(body[partStart..Math.Max(partStart, partEnd)], texts));
            position = next;
        }

        return parts;
    }

    private static Part ReadPart(ReadOnlySpan<byte> part, HeaderTexts texts)
    {
        var start = 0;
        var end = part.Length;
        // The MIME headers of a part: only a change set's are kept (the others are always the same two).
        var mimeStart = start;
        ReadPartHeaders(part, ref start, texts, out var type, out var contentId);
        if (type is not null && type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
        {
            var headers = ReadHeaders(part, ref mimeStart, texts);
            return new Part(contentId, HttpStatusCode.OK, headers, "", Read(part[start..], Encoding.ASCII.GetBytes("--" + BoundaryOf(type)), texts));
        }

        // The embedded HTTP response: status line, headers, blank line, body.
        while (start < end && part[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var lineEnd = LineEnd(part, start);
        var statusLine = part[start..lineEnd].TrimEnd((byte)'\r');
        var firstSpace = statusLine.IndexOf((byte)' ');
        var rest = firstSpace < 0 ? [] : statusLine[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (firstSpace < 0 || !int.TryParse(secondSpace < 0 ? rest : rest[..secondSpace], out var status))
        {
            throw new FormatException($"Not an HTTP status line in a $batch response: '{Encoding.UTF8.GetString(statusLine)}'.");
        }

        start = Math.Min(lineEnd + 1, end);
        var responseHeaders = ReadHeaders(part, ref start, texts);
        responseHeaders.TryGetValue("Content-ID", out var innerId);
        var content = part[start..].TrimEnd("\r\n"u8);
        return new Part(contentId ?? innerId, (HttpStatusCode)status, responseHeaders, content.IsEmpty ? "" : Encoding.UTF8.GetString(content), null);
    }

    /// <summary>Like <see cref="ReadHeaders"/>, keeping only Content-Type and Content-ID (the last of each, as a dictionary would).</summary>
    private static void ReadPartHeaders(ReadOnlySpan<byte> part, ref int position, HeaderTexts texts, out string? contentType, out string? contentId)
    {
        contentType = contentId = null;
        while (position < part.Length)
        {
            var lineEnd = LineEnd(part, position);
            var line = part[position..lineEnd].TrimEnd((byte)'\r');
            position = Math.Min(lineEnd + 1, part.Length);
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim(" \t"u8);
            if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
            {
                contentType = texts.Get(line[(colon + 1)..].Trim(" \t"u8));
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, "Content-ID"u8))
            {
                contentId = texts.Get(line[(colon + 1)..].Trim(" \t"u8));
            }
        }
    }

    private static Dictionary<string, string> ReadHeaders(ReadOnlySpan<byte> part, ref int position, HeaderTexts texts)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (position < part.Length)
        {
            var lineEnd = LineEnd(part, position);
            var line = part[position..lineEnd].TrimEnd((byte)'\r');
            position = Math.Min(lineEnd + 1, part.Length);
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                headers[texts.Get(line[..colon].Trim(" \t"u8))] = texts.Get(line[(colon + 1)..].Trim(" \t"u8));
            }
        }

        return headers;
    }

    /// <summary>Header names and values every part repeats, shared instead of a new string per part.</summary>
    private static readonly string[] KnownTexts =
    [
        "Content-Type", "Content-Transfer-Encoding", "Content-ID", "OData-Version", "OData-EntityId", "Location", "ETag",
        "application/http", "binary", "4.0", "application/json; odata.metadata=minimal", "application/json",
    ];

    private static readonly byte[][] KnownUtf8 = KnownTexts.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>
    /// Turns header names and values into strings: the known ones are shared, and a value equal to the one before
    /// it is reused (a created row's Location and OData-EntityId carry the same URL).
    /// </summary>
    private sealed class HeaderTexts
    {
        private string _last = "";

        public string Get(ReadOnlySpan<byte> text)
        {
            for (var i = 0; i < KnownUtf8.Length; i++)
            {
                if (text.SequenceEqual(KnownUtf8[i]))
                {
                    return KnownTexts[i];
                }
            }

            if (text.Length == _last.Length && System.Text.Ascii.Equals(text, _last))
            {
                return _last;
            }

            return _last = Encoding.UTF8.GetString(text);
        }
    }

    private static int LineEnd(ReadOnlySpan<byte> part, int start)
    {
        var newline = part[start..].IndexOf((byte)'\n');
        return newline < 0 ? part.Length : start + newline;
    }

    private static int SkipLineBreak(ReadOnlySpan<byte> body, int position) =>
        position + 1 < body.Length && body[position] == '\r' && body[position + 1] == '\n' ? position + 2
        : position < body.Length && body[position] == '\n' ? position + 1
        : position;
}
