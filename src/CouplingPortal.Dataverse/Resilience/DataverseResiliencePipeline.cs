using System.Net;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Errors;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CouplingPortal.Dataverse.Resilience;

/// <summary>
/// The client's retry policy, built with Microsoft.Extensions.Http.Resilience: total timeout → retry → attempt timeout.
/// 429/503 wait Retry-After (the gate makes every other worker wait too); 408, 5xx, timeouts and network failures back
/// off exponentially with jitter; everything else (4xx) surfaces at once.
/// <para>
/// POST is retried as well. That is safe because creates always carry a client-generated primary key: if the first
/// attempt committed but its answer was lost, the retry gets 0x80040237 DuplicateRecord, which the client recognises as
/// its own earlier success (see <c>DataverseClient.CreateAsync</c>). A $batch that got 429 was not executed at all; a
/// $batch retried after a 5xx or timeout is treated the same way per create operation.
/// </para>
/// </summary>
internal static class DataverseResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, DataverseOptions options)
    {
        pipeline.AddTimeout(options.Timeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = TimeSpan.FromMinutes(1),
            ShouldRetryAfterHeader = false,
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && ShouldRetry(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => DataverseErrorClassifier.IsTransient(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        _ => false,
    };

    private static TimeSpan? RetryAfter(HttpResponseMessage? response) =>
        response?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            ? DataverseErrorReader.RetryAfter(response.Headers)
            : null;
}
