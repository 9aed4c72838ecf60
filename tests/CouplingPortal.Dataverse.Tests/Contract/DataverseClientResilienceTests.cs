using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.DataverseEmulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Appendix A 19–20 and the transient/permanent split: throttling storms, 5xx, lost answers, timeouts, 401.</summary>
public sealed class DataverseClientResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Account(string name) => new() { ["name"] = name };

    /// <summary>Every request answered after a 429 arrived no earlier than that 429's Retry-After.</summary>
    private static void AssertNothingBeforeRetryAfter(IReadOnlyList<EmulatorRequestRecord> log, TimeSpan retryAfter)
    {
        foreach (var throttled in log.Where(r => r.Status == 429))
        {
            Assert.All(log.Where(r => r.At > throttled.At), later => Assert.True(later.At - throttled.At >= retryAfter,
                $"{later.Method} {later.Target} came {(later.At - throttled.At).TotalMilliseconds:F0} ms after a 429 with Retry-After {retryAfter.TotalSeconds} s"));
        }
    }

    [Fact]
    public async Task ThreeThrottles_WithRetryAfterOneSecond_AreWaitedOutAndTheCreateSucceeds()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        dv.Emulator.Faults.ThrottleNext(3, retryAfterSeconds: 1);

        var id = await dv.Client.CreateAsync(DataverseTable.Accounts, Account("Patient"), ct: Ct);

        var log = dv.Logged(4);
        Assert.Equal([429, 429, 429, 204], log.Select(r => r.Status));
        AssertNothingBeforeRetryAfter(log, TimeSpan.FromSeconds(1));
        Assert.NotNull(await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct));
        Assert.Equal(3, dv.Gate.ThrottledResponses);
    }

    [Fact]
    public async Task AThrottleSeenByOneWorker_PausesAllWorkers_AndNothingIsLost()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        dv.Emulator.Faults.ThrottleNext(1, retryAfterSeconds: 2);

        var first = dv.Client.CreateAsync(DataverseTable.Accounts, Account("first"), ct: Ct);
        Assert.True(SpinWait.SpinUntil(() => dv.Gate.PausedUntil is not null, TimeSpan.FromSeconds(10)), "the 429 never closed the gate");
        var others = Enumerable.Range(0, 10).Select(i => dv.Client.CreateAsync(DataverseTable.Accounts, Account($"worker {i}"), ct: Ct)).ToList();
        var ids = await Task.WhenAll([first, .. others]);

        var log = dv.Logged(12);
        Assert.Equal(1, log.Count(r => r.Status == 429));
        AssertNothingBeforeRetryAfter(log, TimeSpan.FromSeconds(2));
        Assert.Equal(11, ids.Distinct().Count());
        Assert.Equal(11, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
    }

    [Fact]
    public async Task SixtyConcurrentRequests_OverAConcurrencyLimitOf52_AllArriveAfterImmediate429s()
    {
        await using var dv = await EmulatorConnection.StartAsync(e =>
        {
            e.Throttling.MaxConcurrentRequests = 52;
            e.Faults.LatencyMs = 1_000; // long enough that all 60 overlap even on a busy machine
        });

        var ids = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => dv.Client.CreateAsync(DataverseTable.Accounts, Account($"burst {i}"), ct: Ct)));

        Assert.True(dv.Emulator.ServiceProtection.ThrottledRequests > 0, "the burst never hit the concurrency limit");
        Assert.True(dv.Gate.ThrottledResponses > 0);
        dv.Emulator.Faults.Reset();
        Assert.Equal(60, ids.Distinct().Count());
        Assert.Equal(60, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
    }

    [Fact]
    public async Task ServerErrors_AreRetriedWithBackOff_UntilTheRequestSucceeds()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        dv.Emulator.Faults.FailNext(2, 503);

        var row = await dv.Client.CreateAndReturnAsync(DataverseTable.Accounts, Account("Persistent"), ["name"], ct: Ct);

        Assert.Equal("Persistent", row.GetString("name"));
        Assert.Equal([503, 503, 201], dv.Logged(3).Select(r => r.Status));
    }

    [Fact]
    public async Task ServerErrorsBeyondTheRetryBudget_SurfaceAsTransient()
    {
        await using var dv = await EmulatorConnection.StartAsync(clientSettings: new() { ["Dataverse:MaxRetryAttempts"] = "2" });
        dv.Emulator.Faults.FailNext(5, 500);

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.WhoAmIAsync(Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, dv.Logged(3).Count);
    }

    [Fact]
    public async Task PermanentErrors_SurfaceAtOnce_WithoutRetries()
    {
        await using var dv = await EmulatorConnection.StartAsync();

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["nosuchcolumn"] = 1 }, ct: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Single(dv.Logged(1));
    }

    [Fact]
    public async Task ACreateWhoseAnswerWasLost_IsRetried_AndItsOwnDuplicateKeyCountsAsSuccess()
    {
        var lose = new LoseFirstAnswerHandler();
        await using var dv = await EmulatorConnection.StartAsync(services: s =>
            s.AddHttpClient<IDataverseClient, DataverseClient>().AddHttpMessageHandler(() => lose));
        var id = Guid.NewGuid();

        var created = await dv.Client.CreateAsync(DataverseTable.Accounts, Account("Once"), id, Ct);

        Assert.Equal(id, created);
        Assert.Equal(1, lose.Lost);
        var posts = dv.Logged(2, r => r.Method == "POST").Select(r => r.Status).ToList();
        Assert.Equal([204, 412], posts);
        Assert.Equal(1, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
    }

    [Fact]
    public async Task ASlowServer_TimesOutPerAttempt_AndSurfacesAsTransientWithoutAStatus()
    {
        await using var dv = await EmulatorConnection.StartAsync(
            e => e.Faults.LatencyMs = 5_000,
            new() { ["Dataverse:AttemptTimeout"] = "00:00:01", ["Dataverse:MaxRetryAttempts"] = "1" });

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.WhoAmIAsync(Ct));

        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(2, dv.Gate.RequestsSent);
    }

    [Fact]
    public async Task AWrongToken_Gives401_WhichIsPermanentAndNotRetried()
    {
        await using var dv = await EmulatorConnection.StartAsync(clientSettings: new() { ["Dataverse:StaticAccessToken"] = "not-the-token" }, withToken: false);

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.WhoAmIAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal(1, dv.Gate.RequestsSent);
    }

    [Fact]
    public async Task NoTokenAtAll_IsRefusedBeforeAnythingIsSent()
    {
        await using var dv = await EmulatorConnection.StartAsync(withToken: false);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => dv.Client.WhoAmIAsync(Ct));

        Assert.Contains("StaticAccessToken", ex.Message, StringComparison.Ordinal);
        Assert.Empty(dv.Emulator.Requests);
    }

    /// <summary>Lets the first POST reach the server, then drops its answer as a broken connection would.</summary>
    private sealed class LoseFirstAnswerHandler : DelegatingHandler
    {
        private int _lost;

        public int Lost => _lost;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && Interlocked.CompareExchange(ref _lost, 1, 0) == 0)
            {
                response.Dispose();
                throw new HttpRequestException("The connection was reset after the request was sent.");
            }

            return response;
        }
    }
}
