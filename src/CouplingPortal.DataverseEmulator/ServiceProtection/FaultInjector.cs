namespace CouplingPortal.DataverseEmulator.ServiceProtection;

/// <summary>What the emulator does to a request before handling it.</summary>
internal readonly record struct FaultDecision(int LatencyMs, int? Status, int RetryAfterSeconds);

/// <summary>
/// Injected faults for tests and benchmarks, switchable at run time: latency, a share of 503s, a share of 429s,
/// and deterministic scripts ("the next 3 requests get 429 with Retry-After 1", "the next 2 get 503").
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Queue<(int Status, int RetryAfter)> _script = new();
    private Random _random;
    private long _injected;

    internal FaultInjector(FaultOptions options)
    {
        LatencyMs = options.LatencyMs;
        ServerErrorRate = options.ServerErrorRate;
        ThrottleRate = options.ThrottleRate;
        RetryAfterSeconds = options.RetryAfterSeconds;
        _random = new Random(options.Seed);
    }

    public int LatencyMs { get; set; }
    public double ServerErrorRate { get; set; }
    public double ThrottleRate { get; set; }
    public int RetryAfterSeconds { get; set; }

    /// <summary>How many requests got an injected 429 or 5xx so far.</summary>
    public long InjectedFaults => Interlocked.Read(ref _injected);

    /// <summary>The next <paramref name="count"/> API requests are answered 429 with this Retry-After.</summary>
    public void ThrottleNext(int count, int retryAfterSeconds = 1)
    {
        lock (_gate) for (var i = 0; i < count; i++) _script.Enqueue((429, retryAfterSeconds));
    }

    /// <summary>The next <paramref name="count"/> API requests are answered with a server error (503 by default).</summary>
    public void FailNext(int count, int statusCode = 503)
    {
        lock (_gate) for (var i = 0; i < count; i++) _script.Enqueue((statusCode, RetryAfterSeconds));
    }

    private TaskCompletionSource? _pause;
    private int _held;

    /// <summary>Holds every admitted API request (inside its concurrency slot) until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_gate) _pause ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held requests continue.</summary>
    public void Resume()
    {
        TaskCompletionSource? pause;
        lock (_gate)
        {
            pause = _pause;
            _pause = null;
        }
        pause?.TrySetResult();
    }

    /// <summary>How many requests are currently held by <see cref="Pause"/>.</summary>
    public int HeldRequests => Volatile.Read(ref _held);

    internal async Task WaitWhilePausedAsync(CancellationToken ct)
    {
        var pause = Volatile.Read(ref _pause);
        if (pause is null) return;
        Interlocked.Increment(ref _held);
        try
        {
            await pause.Task.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    /// <summary>Switches every fault off, clears scripts and lets held requests go.</summary>
    public void Reset(int seed = 1)
    {
        Resume();
        lock (_gate)
        {
            _script.Clear();
            LatencyMs = 0;
            ServerErrorRate = 0;
            ThrottleRate = 0;
            _random = new Random(seed);
        }
    }

    internal FaultDecision Next()
    {
        lock (_gate)
        {
            int? status = null;
            var retryAfter = RetryAfterSeconds;
            if (_script.Count > 0)
            {
                var scripted = _script.Dequeue();
                status = scripted.Status;
                retryAfter = scripted.RetryAfter;
            }
            else if (ThrottleRate > 0 && _random.NextDouble() < ThrottleRate) status = 429;
            else if (ServerErrorRate > 0 && _random.NextDouble() < ServerErrorRate) status = 503;
            if (status is not null) Interlocked.Increment(ref _injected);
            return new FaultDecision(LatencyMs, status, retryAfter);
        }
    }
}
