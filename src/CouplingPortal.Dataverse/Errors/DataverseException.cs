using System.Net;

namespace CouplingPortal.Dataverse.Errors;

/// <summary>
/// A failed Dataverse call: HTTP status, Dataverse's error code (hex string, may be null) and message.
/// <see cref="IsTransient"/> tells the sync engine whether trying again later can help.
/// </summary>
public sealed class DataverseException : Exception
{
    public DataverseException(HttpStatusCode? statusCode, string? errorCode, string message, Exception? innerException = null,
        string? requestId = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = DataverseErrorCodes.Normalize(errorCode);
        RequestId = requestId;
        RetryAfter = retryAfter;
        IsTransient = DataverseErrorClassifier.IsTransient(statusCode, ErrorCode, innerException);
    }

    /// <summary>HTTP status; null when no response arrived (timeout, network failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Dataverse platform error code, normalised to "0x8004…" form; null when the body had none.</summary>
    public string? ErrorCode { get; }

    /// <summary>REQ_ID response header, for support cases.</summary>
    public string? RequestId { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>429, 408, 5xx (except 501), SQL errors, timeouts and network failures.</summary>
    public bool IsTransient { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>412 with a version mismatch: re-read, merge, retry (reference §3.7).</summary>
    public bool IsConcurrencyConflict => ErrorCode == DataverseErrorCodes.ConcurrencyVersionMismatch;

    /// <summary>The primary key (0x80040237) or an alternate key (0x80060892) already exists.</summary>
    public bool IsDuplicateKey => ErrorCode is DataverseErrorCodes.DuplicateRecord or DataverseErrorCodes.DuplicateRecordEntityKey;

    public bool IsThrottling => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>A stored deltaLink can no longer be used; run a full resync.</summary>
    public bool RequiresFullSync => ErrorCode == DataverseErrorCodes.ExpiredVersionStamp;
}

/// <summary>Transient-versus-permanent rules shared by the retry pipeline and <see cref="DataverseException"/>.</summary>
public static class DataverseErrorClassifier
{
    public static bool IsTransient(HttpStatusCode? statusCode, string? errorCode = null, Exception? exception = null)
    {
        if (statusCode is null)
        {
            // No response at all: timeouts and network failures are worth another try, anything else is a bug.
            return exception is HttpRequestException or TimeoutException or TaskCanceledException or IOException
                || exception?.GetType().Name == "TimeoutRejectedException";
        }

        var code = (int)statusCode.Value;
        return code == 429 || code == 408 || (code >= 500 && code != 501 && code != 505)
            || DataverseErrorCodes.Normalize(errorCode) == DataverseErrorCodes.GenericSqlError;
    }

    public static bool IsTransient(HttpResponseMessage response) => IsTransient(response.StatusCode);
}
