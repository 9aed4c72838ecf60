using System.Globalization;
using System.Net;
using CouplingPortal.Dataverse.Errors;

namespace CouplingPortal.Dataverse.Resilience;

/// <summary>
/// Runs once per attempt, inside the retry pipeline: waits at the shared <see cref="DataverseThrottleGate"/>, counts the
/// attempt on the request (so a retried create can recognise its own earlier success), and closes the gate on 429.
/// </summary>
internal sealed class DataverseTrafficHandler(DataverseThrottleGate gate) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<int> AttemptKey = new("Dataverse.Attempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.EnterAsync(cancellationToken).ConfigureAwait(false);

        request.Options.TryGetValue(AttemptKey, out var attempt);
        request.Options.Set(AttemptKey, attempt + 1);
        request.Headers.Remove("x-ms-client-request-id");
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString("D"));

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (response.Headers.TryGetValues("x-ms-dop-hint", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var hint))
        {
            gate.ObserveDopHint(hint);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Without Retry-After, fall back to ServiceClient's 2^n seconds (reference §6.4.1).
            gate.Pause(DataverseErrorReader.RetryAfter(response.Headers) ?? TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt + 1, 6))));
        }

        return response;
    }
}
