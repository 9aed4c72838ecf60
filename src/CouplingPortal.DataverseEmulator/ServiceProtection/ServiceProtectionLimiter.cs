using System.Globalization;
using System.Net;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.ServiceProtection;

/// <summary>
/// Dataverse's service protection limits over a sliding window on the injectable clock (execution time itself is
/// measured in real time): number of requests,
/// combined execution time, and concurrent requests (refused immediately). All callers share one bucket because the
/// emulator maps every token to the one integration user. Limits can be changed at run time; 0 switches one off.
/// </summary>
public sealed class ServiceProtectionLimiter
{
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly Queue<DateTimeOffset> _requests = new();
    private readonly Queue<(DateTimeOffset At, double Ms)> _executions = new();
    private double _executionMsInWindow;
    private int _concurrent;
    private long _throttled;

    internal ServiceProtectionLimiter(ThrottlingOptions options, TimeProvider clock)
    {
        _clock = clock;
        RequestsPerWindow = options.RequestsPerWindow;
        WindowSeconds = options.WindowSeconds;
        MaxConcurrentRequests = options.MaxConcurrentRequests;
        ExecutionTimeSeconds = options.ExecutionTimeSeconds ?? 0;
        DopHint = options.DopHint;
    }

    public int RequestsPerWindow { get; set; }
    public int WindowSeconds { get; set; }
    public int MaxConcurrentRequests { get; set; }
    public int ExecutionTimeSeconds { get; set; }
    public int DopHint { get; set; }

    /// <summary>How many requests were refused with 429 by these limits.</summary>
    public long ThrottledRequests => Interlocked.Read(ref _throttled);

    /// <summary>Forgets the requests counted so far (the window starts empty).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _executions.Clear();
            _executionMsInWindow = 0;
        }
    }

    /// <summary>Admits a request or throws the 429 Dataverse would send. Dispose the lease when the request ends.</summary>
    internal Lease Enter()
    {
        var concurrent = Interlocked.Increment(ref _concurrent);
        var limit = MaxConcurrentRequests;
        if (limit > 0 && concurrent > limit)
        {
            Interlocked.Decrement(ref _concurrent);
            throw Throttled(DataverseErrors.ThrottlingConcurrency, $"Number of concurrent requests exceeded the limit of {limit}.", 1);
        }
        try
        {
            lock (_gate)
            {
                var now = _clock.GetUtcNow();
                var window = TimeSpan.FromSeconds(WindowSeconds);
                while (_requests.Count > 0 && _requests.Peek() <= now - window) _requests.Dequeue();
                while (_executions.Count > 0 && _executions.Peek().At <= now - window) _executionMsInWindow -= _executions.Dequeue().Ms;
                if (RequestsPerWindow > 0 && _requests.Count >= RequestsPerWindow)
                    throw Throttled(DataverseErrors.ThrottlingRequests,
                        $"Number of requests exceeded the limit of {RequestsPerWindow} over time window of {WindowSeconds} seconds.",
                        RetryAfter(_requests.Peek() + window - now));
                var budgetMs = ExecutionTimeSeconds * 1000.0;
                if (budgetMs > 0 && _executionMsInWindow >= budgetMs)
                    throw Throttled(DataverseErrors.ThrottlingTime,
                        $"Combined execution time of incoming requests exceeded limit of {budgetMs.ToString("N0", CultureInfo.InvariantCulture)} milliseconds over time window of {WindowSeconds} seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.",
                        RetryAfter(_executions.Peek().At + window - now));
                if (RequestsPerWindow > 0) _requests.Enqueue(now);
            }
        }
        catch
        {
            Interlocked.Decrement(ref _concurrent);
            throw;
        }
        return new Lease(this, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    private static int RetryAfter(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private DataverseException Throttled(string code, string message, int retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        return new DataverseException((HttpStatusCode)429, code, message) { RetryAfterSeconds = retryAfter };
    }

    private void Exit(long startedTimestamp)
    {
        Interlocked.Decrement(ref _concurrent);
        if (ExecutionTimeSeconds <= 0) return;
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds;
        lock (_gate)
        {
            _executions.Enqueue((_clock.GetUtcNow(), ms));
            _executionMsInWindow += ms;
        }
    }

    internal readonly struct Lease(ServiceProtectionLimiter owner, long started) : IDisposable
    {
        public void Dispose() => owner.Exit(started);
    }
}
