using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CouplingPortal.Dataverse.Errors;

/// <summary>Reads Dataverse's error body defensively: status first, then code, then message (reference §6.1).</summary>
internal static class DataverseErrorReader
{
    public static async Task<DataverseException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = response.Content is null ? "" : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return FromBody(response.StatusCode, body, RequestId(response.Headers), RetryAfter(response.Headers));
    }

    public static DataverseException FromBody(HttpStatusCode status, string? body, string? requestId = null, TimeSpan? retryAfter = null)
    {
        var (code, message) = Parse(body);
        message ??= string.IsNullOrWhiteSpace(body) ? $"Dataverse answered {(int)status} {status}." : Truncate(body);
        return new DataverseException(status, code, message, requestId: requestId, retryAfter: retryAfter);
    }

    private static (string? Code, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject root && root["error"] is JsonObject error)
            {
                var code = error["code"]?.GetValueKind() == JsonValueKind.String ? error["code"]!.GetValue<string>() : error["code"]?.ToJsonString();
                var message = error["message"]?.GetValueKind() == JsonValueKind.String ? error["message"]!.GetValue<string>() : null;
                if (message is null && error["innererror"] is JsonObject inner && inner["message"]?.GetValueKind() == JsonValueKind.String)
                {
                    message = inner["message"]!.GetValue<string>();
                }

                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy page, plain text): the body itself becomes the message.
        }

        return (null, null);
    }

    public static string? RequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("REQ_ID", out var values) ? values.FirstOrDefault() : null;

    public static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        // Dataverse sends whole seconds, but ServiceClient parses doubles; accept "1.5" too.
        if (headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
