namespace CouplingPortal.Core.Data;

/// <summary>
/// Hands out UTC stamps for SystemCreatedAt / SystemModifiedAt that strictly increase within the process, even when
/// the clock stands still or steps back: the synchronization engine's local watermark relies on that. Stamps have
/// microsecond resolution because PostgreSQL's timestamp keeps no more, so a 100 ns step would be lost there.
/// </summary>
public sealed class SystemStampClock(TimeProvider timeProvider)
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;
    private readonly Lock _gate = new();
    private long _lastTicks;

    public DateTime Next()
    {
        var now = timeProvider.GetUtcNow().UtcDateTime.Ticks;
        now -= now % TicksPerMicrosecond;
        lock (_gate)
        {
            _lastTicks = now > _lastTicks ? now : _lastTicks + TicksPerMicrosecond;
            return new DateTime(_lastTicks, DateTimeKind.Utc);
        }
    }
}
