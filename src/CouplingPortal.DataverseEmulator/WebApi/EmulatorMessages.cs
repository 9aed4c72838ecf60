using System.Net;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>One Web API request, independent of HTTP plumbing so that $batch parts run through the same code.</summary>
internal sealed class EmulatorRequest
{
    public required string Method { get; init; }
    /// <summary>The decoded path after api/data/vX.Y/, e.g. "accounts(accountnumber='A&amp;B')".</summary>
    public required string Path { get; init; }
    /// <summary>The query string as sent (without '?'), reused for nextLink and deltaLink.</summary>
    public required string RawQuery { get; init; }
    public required IReadOnlyDictionary<string, string> Query { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public string? Body { get; init; }
    /// <summary>The body as UTF-8 bytes instead of <see cref="Body"/> (requests inside a $batch: a slice of its body).</summary>
    public ReadOnlyMemory<byte>? BodyUtf8 { get; init; }
    /// <summary>Absolute Web API root, e.g. http://127.0.0.1:5000/api/data/v9.2/.</summary>
    public required string ApiRoot { get; init; }
    /// <summary>The calling systemuser: the integration user, or the one named by MSCRMCallerID / CallerObjectId.</summary>
    public required Guid Caller { get; set; }
    /// <summary>Set inside a changeset: the operation joins the changeset's transaction.</summary>
    public StoreTransaction? Transaction { get; init; }
    public IReadOnlyDictionary<string, EntityReference>? ContentIds { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

internal sealed class EmulatorResponse
{
    public int Status { get; init; }
    public string? Body { get; init; }
    /// <summary>An answer already encoded as UTF-8 (the $batch multipart body); written instead of <see cref="Body"/>.</summary>
    public Batch.PooledUtf8Buffer? BodyBytes { get; init; }
    public string? ContentType { get; init; }
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    /// <summary>The row a write created or changed (for $batch Content-ID references).</summary>
    public EntityReference? Entity { get; init; }
    public string? EntityUrl { get; init; }

    public const string JsonContentType = "application/json; odata.metadata=minimal";

    public EmulatorResponse With(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    public static EmulatorResponse Json(int status, string body) => new() { Status = status, Body = body, ContentType = JsonContentType };

    public static EmulatorResponse NoContent() => new() { Status = (int)HttpStatusCode.NoContent };

    public static EmulatorResponse Error(DataverseException e, AnnotationFilter annotations)
    {
        var body = EntityJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
            if (annotations.Any)
            {
                w.WriteString("@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus", "0");
                w.WriteString("@Microsoft.PowerApps.CDS.HelpLink", $"http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a{e.Code[2..]}&client=platform");
                w.WriteString("@Microsoft.PowerApps.CDS.TraceText", "");
                w.WriteString("@Microsoft.PowerApps.CDS.InnerError.Message", e.Message);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        });
        var response = Json((int)e.Status, body);
        if (e.RetryAfterSeconds is { } seconds) response.With("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}
