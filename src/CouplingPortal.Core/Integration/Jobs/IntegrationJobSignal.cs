namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// Wakes this instance's scheduler when something became due sooner than it planned (an enqueue, a local change that
/// pulled a recurring entry forward). An auto-reset event: a pulse while nobody waits is kept for the next wait.
/// </summary>
public sealed class IntegrationJobSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _set;

    public void Pulse()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
                _set = true;
        }
        waiter?.TrySetResult();
    }

    /// <summary>
    /// Returns after a pulse or after <paramref name="timeout"/> on <paramref name="clock"/>, whichever comes first.
    /// <paramref name="waiting"/> runs once the timer exists (tests move a fake clock only after it).
    /// </summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider clock, Action? waiting, CancellationToken ct)
    {
        Task pulsed;
        lock (_gate)
        {
            if (_set)
            {
                _set = false;
                return;
            }
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pulsed = _waiter.Task;
        }

        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var timer = Task.Delay(timeout, clock, stopTimer.Token);
        waiting?.Invoke();
        await Task.WhenAny(pulsed, timer).ConfigureAwait(false);
        await stopTimer.CancelAsync().ConfigureAwait(false);
        lock (_gate)
        {
            // A timed-out wait leaves no waiter behind, so a later pulse is kept instead of completing a dead task.
            if (ReferenceEquals(_waiter?.Task, pulsed))
                _waiter = null;
        }
        ct.ThrowIfCancellationRequested();
    }
}
