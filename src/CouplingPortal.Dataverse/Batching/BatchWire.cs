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
        var sb = new StringBuilder();
        var contentId = 0;
        foreach (var item in items)
        {
            sb.Append("--").Append(boundary).Append(Crlf);
            switch (item)
            {
                case BatchOperation op:
                    WriteOperation(sb, webApiUrl, op, null);
                    break;
                case BatchChangeSet set:
                    var changeset = "changeset_" + Guid.NewGuid().ToString("N");
                    sb.Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append(Crlf).Append(Crlf);
                    foreach (var op in set.Operations)
                    {
                        sb.Append("--").Append(changeset).Append(Crlf);
                        WriteOperation(sb, webApiUrl, op, ++contentId);
                    }

                    sb.Append("--").Append(changeset).Append("--").Append(Crlf);
                    break;
            }
        }

        sb.Append("--").Append(boundary).Append("--").Append(Crlf);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(sb.ToString()));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={boundary}");
        return content;
    }

    private static void WriteOperation(StringBuilder sb, Uri webApiUrl, BatchOperation op, int? contentId)
    {
        sb.Append("Content-Type: application/http").Append(Crlf);
        sb.Append("Content-Transfer-Encoding: binary").Append(Crlf);
        if (contentId is { } id)
        {
            sb.Append("Content-ID: ").Append(id).Append(Crlf);
        }

        sb.Append(Crlf);
        sb.Append(op.Method.Method).Append(' ').Append(webApiUrl.AbsoluteUri).Append(op.RelativeUrl).Append(" HTTP/1.1").Append(Crlf);
        foreach (var header in op.Headers)
        {
            sb.Append(header.Key).Append(": ").Append(header.Value).Append(Crlf);
        }

        if (op.Body is not null)
        {
            sb.Append("Content-Type: application/json; type=entry").Append(Crlf).Append(Crlf);
            sb.Append(op.Body.ToJsonString()).Append(Crlf);
        }
        else
        {
            sb.Append("Accept: application/json").Append(Crlf).Append(Crlf);
        }
    }

    /// <summary>One response part. A change set answers with nested parts, or with a single part when it failed as a whole.</summary>
    internal sealed record Part(string? ContentId, HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body, IReadOnlyList<Part>? Nested);

    public static IReadOnlyList<Part> Read(string body, string boundary)
    {
        var parts = new List<Part>();
        foreach (var raw in SplitParts(body, boundary))
        {
            var (headers, content) = SplitHeaders(raw);
            headers.TryGetValue("Content-ID", out var contentId);
            if (headers.TryGetValue("Content-Type", out var type) && type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var nested = Read(content, BoundaryOf(type));
                parts.Add(new Part(contentId, HttpStatusCode.OK, headers, "", nested));
                continue;
            }

            parts.Add(ReadHttpResponse(content, contentId));
        }

        return parts;
    }

    public static string BoundaryOf(string contentType)
    {
        var parsed = MediaTypeHeaderValue.Parse(contentType);
        var boundary = parsed.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value
            ?? throw new FormatException("The multipart response has no boundary.");
        return boundary.Trim('"');
    }

    private static Part ReadHttpResponse(string text, string? contentId)
    {
        var (statusLine, rest) = SplitFirstLine(text.TrimStart('\r', '\n'));
        var pieces = statusLine.Split(' ', 3);
        if (pieces.Length < 2 || !int.TryParse(pieces[1], out var status))
        {
            throw new FormatException($"Not an HTTP status line in a $batch response: '{statusLine}'.");
        }

        var (headers, body) = SplitHeaders(rest);
        headers.TryGetValue("Content-ID", out var innerId);
        return new Part(contentId ?? innerId, (HttpStatusCode)status, headers, body.TrimEnd('\r', '\n'), null);
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var position = body.IndexOf(delimiter, StringComparison.Ordinal);
        while (position >= 0)
        {
            var start = position + delimiter.Length;
            if (string.CompareOrdinal(body, start, "--", 0, 2) == 0)
            {
                yield break;
            }

            var next = body.IndexOf(delimiter, start, StringComparison.Ordinal);
            var end = next < 0 ? body.Length : next;
            var part = body[start..end];
            // Drop the line break after the delimiter and the one that belongs to the next delimiter.
            if (part.StartsWith(Crlf, StringComparison.Ordinal))
            {
                part = part[2..];
            }
            else if (part.StartsWith('\n'))
            {
                part = part[1..];
            }

            yield return part;
            position = next;
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = text;
        while (true)
        {
            var (line, after) = SplitFirstLine(rest);
            rest = after;
            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }

            if (rest.Length == 0)
            {
                break;
            }
        }

        return (headers, rest);
    }

    private static (string Line, string Remainder) SplitFirstLine(string text)
    {
        var newline = text.IndexOf('\n');
        if (newline < 0)
        {
            return (text.TrimEnd('\r'), "");
        }

        return (text[..newline].TrimEnd('\r'), text[(newline + 1)..]);
    }
}
