using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// This instance's queue events (singleton). Status in an event: Ready when enqueued or when a failed attempt will be
/// retried, InProcess when started and for progress, Finished after a successful run (recurring ones too, although
/// their entry then waits again), Error after the last failed attempt.
/// </summary>
public sealed class IntegrationJobEvents(ILogger<IntegrationJobEvents> logger) : IIntegrationJobEvents
{
    private readonly Lock _gate = new();
    private Action<IntegrationJobEvent>[] _handlers = [];

    public IDisposable Subscribe(Action<IntegrationJobEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
            _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    /// <summary>Calls every subscriber; one that throws is logged and does not stop the others or the job.</summary>
    public void Publish(IntegrationJobEvent jobEvent)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            try
            {
                handler(jobEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A subscriber to job events failed on {Status} of job {RequestId}", jobEvent.Status, jobEvent.RequestId);
            }
        }
    }

    private void Unsubscribe(Action<IntegrationJobEvent> handler)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, handler);
            if (index >= 0)
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
        }
    }

    private sealed class Subscription(IntegrationJobEvents owner, Action<IntegrationJobEvent> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Unsubscribe(handler);
        }
    }
}
