using CouplingPortal.Dataverse.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Dataverse.Tests.Resilience;

public sealed class DataverseThrottleGateTests
{
    [Fact]
    public async Task AfterAPause_EveryWorkerWaitsUntilRetryAfterHasPassed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var gate = new DataverseThrottleGate(clock);
        gate.Pause(TimeSpan.FromSeconds(2));

        var workers = Enumerable.Range(0, 3).Select(_ => gate.EnterAsync(TestContext.Current.CancellationToken).AsTask()).ToArray();
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.All(workers, w => Assert.False(w.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(0.2));
        await Task.WhenAll(workers);
        Assert.Equal(3, gate.RequestsSent);
    }

    [Fact]
    public async Task ALaterDeadlineWins_AnEarlierOneDoesNotShortenThePause()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        var gate = new DataverseThrottleGate(clock);
        gate.Pause(TimeSpan.FromSeconds(5));
        gate.Pause(TimeSpan.FromSeconds(1));

        var worker = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(worker.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1.1));
        await worker;
        Assert.Equal(2, gate.ThrottledResponses);
    }

    [Fact]
    public async Task OpenGate_LetsRequestsThroughAtOnce()
    {
        var gate = new DataverseThrottleGate(new FakeTimeProvider());

        await gate.EnterAsync(TestContext.Current.CancellationToken);

        Assert.Null(gate.PausedUntil);
        Assert.Equal(1, gate.RequestsSent);
    }
}
