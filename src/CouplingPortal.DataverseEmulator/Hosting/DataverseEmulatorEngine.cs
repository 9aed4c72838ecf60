using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using CouplingPortal.DataverseEmulator.Batch;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Seed;
using CouplingPortal.DataverseEmulator.ServiceProtection;
using CouplingPortal.DataverseEmulator.Storage;
using CouplingPortal.DataverseEmulator.WebApi;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.DataverseEmulator.Hosting;

/// <summary>One request the emulator answered (for tests that assert on traffic, e.g. timing after a 429).</summary>
public sealed record EmulatorRequestRecord(DateTimeOffset At, string Method, string Target, int Status);

/// <summary>The emulator's state and HTTP pipeline: auth, service protection, fault injection, then the Web API handler.</summary>
internal sealed class DataverseEmulatorEngine : IDisposable
{
    private const int RequestLogCapacity = 10_000;
    private readonly ConcurrentQueue<EmulatorRequestRecord> _requestLog = new();
    private readonly WebApiHandler _handler;
    private readonly BatchHandler _batch;
    private readonly ILogger _logger;

    public DataverseEmulatorEngine(DataverseEmulatorOptions options, TimeProvider clock, ILogger<DataverseEmulatorEngine> logger)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new Microsoft.Extensions.Options.OptionsValidationException(DataverseEmulatorOptions.SectionName, typeof(DataverseEmulatorOptions), errors);
        Options = options;
        Clock = clock;
        _logger = logger;
        IRowPersistence persistence = options.IsSqlite ? new SqliteRowPersistence(options.SqlitePath!) : new NoPersistence();
        Store = new DataverseStore(EmulatorMetadata.Instance, persistence, clock, options);
        if (options.SeedDemoData) DemoSeed.SeedIfEmpty(Store, options);
        _handler = new WebApiHandler(Store, options, clock);
        _batch = new BatchHandler(Store, _handler);
        Limiter = new ServiceProtectionLimiter(options.Throttling, clock);
        Faults = new FaultInjector(options.Faults);
    }

    public DataverseEmulatorOptions Options { get; }
    public TimeProvider Clock { get; }
    public DataverseStore Store { get; }
    public ServiceProtectionLimiter Limiter { get; }
    public FaultInjector Faults { get; }
    public IReadOnlyList<EmulatorRequestRecord> RequestLog => _requestLog.ToArray();

    public static string EnvironmentBase(HttpContext context, string prefix) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{prefix}/";

    /// <summary>Checks the bearer token; writes the 401 and returns false when it is missing or wrong.</summary>
    public bool Authorize(HttpContext context, string environmentBase)
    {
        string? header = context.Request.Headers.Authorization;
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (!string.IsNullOrEmpty(token) && (Options.AccessToken is null || string.Equals(token, Options.AccessToken, StringComparison.Ordinal)))
            return true;
        context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id={environmentBase}";
        return false;
    }

    public async Task HandleApiAsync(HttpContext context, string prefix)
    {
        var env = EnvironmentBase(context, prefix);
        var http = context.Response;
        http.Headers["OData-Version"] = "4.0";
        http.Headers["REQ_ID"] = Guid.NewGuid().ToString("D");
        http.Headers["x-ms-dop-hint"] = Limiter.DopHint.ToString(CultureInfo.InvariantCulture);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString);
        // The request log is written before the answer goes out, so a client that has its answer finds the entry.
        if (!Authorize(context, env))
        {
            Log(context.Request.Method, rawTarget, http.StatusCode);
            return;
        }
        EmulatorResponse response;
        try
        {
            using var lease = Limiter.Enter();
            response = await RunAsync(context, env, rawTarget);
        }
        catch (DataverseException e)
        {
            response = EmulatorResponse.Error(e, AnnotationFilter.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Dataverse emulator failed on {Method} {Target}", context.Request.Method, rawTarget);
            response = EmulatorResponse.Error(new DataverseException(HttpStatusCode.InternalServerError, DataverseErrors.Unexpected, "An unexpected error occurred."), AnnotationFilter.None);
        }
        Log(context.Request.Method, rawTarget, response.Status);
        await WriteAsync(http, response, context.RequestAborted);
    }

    private async Task<EmulatorResponse> RunAsync(HttpContext context, string env, string rawTarget)
    {
        var fault = Faults.Next();
        await Faults.WaitWhilePausedAsync(context.RequestAborted);
        if (fault.LatencyMs > 0) await Task.Delay(fault.LatencyMs, context.RequestAborted);
        if (fault.Status is { } status)
        {
            throw status == 429
                ? new DataverseException((HttpStatusCode)429, DataverseErrors.ThrottlingRequests, "Number of requests exceeded the limit of 6000 over time window of 300 seconds.") { RetryAfterSeconds = fault.RetryAfterSeconds }
                : new DataverseException((HttpStatusCode)status, DataverseErrors.Unexpected, "The service is temporarily unavailable. (Injected by the Dataverse emulator.)");
        }
        if (!WebApiPaths.TrySplit(rawTarget, out var version, out var path, out var rawQuery))
            throw DataverseErrors.ResourceNotFound(rawTarget);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers) headers[name] = values.ToString();
        var decodedPath = Uri.UnescapeDataString(path);
        if (decodedPath.TrimEnd('/') == "$batch")
        {
            // A $batch body stays UTF-8 bytes in a pooled buffer: the parts are parsed from it, and every part's
            // JSON is read from its slice, so the body is never decoded into one large string.
            using var bytes = await PooledUtf8Buffer.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
            var batchRequest = new EmulatorRequest
            {
                Method = context.Request.Method.ToUpperInvariant(),
                Path = decodedPath,
                RawQuery = rawQuery,
                Query = WebApiPaths.ParseQuery(rawQuery),
                Headers = headers,
                BodyUtf8 = Utf8WithoutByteOrderMark(bytes.Written),
                ApiRoot = env + "api/data/" + version + "/",
                Caller = Options.IntegrationUserId,
            };
            return _batch.Handle(batchRequest, env, context.Request.ContentType);
        }
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new EmulatorRequest
        {
            Method = context.Request.Method.ToUpperInvariant(),
            Path = decodedPath,
            RawQuery = rawQuery,
            Query = WebApiPaths.ParseQuery(rawQuery),
            Headers = headers,
            Body = body.Length == 0 ? null : body,
            ApiRoot = env + "api/data/" + version + "/",
            Caller = Options.IntegrationUserId,
        };
        return _handler.Handle(request);
    }

    /// <summary>
    /// The body as UTF-8 the way a UTF-8 <see cref="StreamReader"/> reads it: a UTF-8 byte order mark is dropped, and a
    /// body that starts with a UTF-16 or UTF-32 byte order mark is decoded with that encoding.
    /// </summary>
    private static ReadOnlyMemory<byte> Utf8WithoutByteOrderMark(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return body[3..];
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
            return Encoding.UTF8.GetBytes(reader.ReadToEnd());
        }
        return body;
    }

    private static async Task WriteAsync(HttpResponse http, EmulatorResponse response, CancellationToken ct)
    {
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) http.Headers.Append(name, value);
        if (response.BodyBytes is { } bytes)
        {
            using (bytes)
            {
                http.ContentType = response.ContentType ?? EmulatorResponse.JsonContentType;
                http.ContentLength = bytes.Written.Length;
                await http.BodyWriter.WriteAsync(bytes.Written, ct);
            }
            return;
        }
        if (response.Body is null) return;
        http.ContentType = response.ContentType ?? EmulatorResponse.JsonContentType;
        // Encoded straight into Kestrel's pipe: a $batch answer is several hundred KB, and a byte[] copy of it
        // would land on the large object heap on every batch.
        http.ContentLength = Encoding.UTF8.GetByteCount(response.Body);
        Encoding.UTF8.GetBytes(response.Body, http.BodyWriter);
        await http.BodyWriter.FlushAsync(ct);
    }

    private void Log(string method, string target, int status)
    {
        _requestLog.Enqueue(new EmulatorRequestRecord(Clock.GetUtcNow(), method, target, status));
        while (_requestLog.Count > RequestLogCapacity) _requestLog.TryDequeue(out _);
        if (status >= 500) _logger.LogWarning("Dataverse emulator answered {Method} {Target} with {Status}", method, target, status);
    }

    public void Dispose() => Store.Dispose();
}
