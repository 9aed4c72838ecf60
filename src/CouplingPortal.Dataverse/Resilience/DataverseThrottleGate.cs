namespace CouplingPortal.Dataverse.Resilience;

/// <summary>
/// Shared by every worker of one client (one Dataverse identity): after a 429 nobody sends until Retry-After has
/// passed, because Dataverse limits per user and hammering lengthens the penalty (reference §6.4). Also remembers the
/// server's x-ms-dop-hint and counts requests for diagnostics and benchmarks.
/// </summary>
public sealed class DataverseThrottleGate(TimeProvider? clock = null)
{
    /// <summary>Timers may fire a hair early; never resume before Retry-After.</summary>
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromMilliseconds(25);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _resumeAtUtcTicks;
    private int _dopHint;
    private long _requests;
    private long _throttled;

    /// <summary>When the gate opens again; null when it is open.</summary>
    public DateTimeOffset? PausedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _resumeAtUtcTicks);
            return ticks > _clock.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    /// <summary>The server's latest recommended degree of parallelism (x-ms-dop-hint), if it sent one.</summary>
    public int? DegreeOfParallelismHint => Volatile.Read(ref _dopHint) is > 0 and var hint ? hint : null;

    /// <summary>HTTP requests sent (every attempt counts).</summary>
    public long RequestsSent => Interlocked.Read(ref _requests);

    /// <summary>429 answers received.</summary>
    public long ThrottledResponses => Interlocked.Read(ref _throttled);

    /// <summary>Closes the gate until <paramref name="retryAfter"/> from now (a later deadline always wins).</summary>
    public void Pause(TimeSpan retryAfter)
    {
        Interlocked.Increment(ref _throttled);
        var until = _clock.GetUtcNow().Add(retryAfter + SafetyMargin).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _resumeAtUtcTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _resumeAtUtcTicks, until, current) != current);
    }

    /// <summary>Waits while the gate is closed, then counts the request about to be sent.</summary>
    public async ValueTask EnterAsync(CancellationToken ct)
    {
        while (true)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref _resumeAtUtcTicks), TimeSpan.Zero) - _clock.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, _clock, ct).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _requests);
    }

    internal void ObserveDopHint(int hint)
    {
        if (hint > 0)
        {
            Volatile.Write(ref _dopHint, Math.Min(hint, 52));
        }
    }
}
