using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace CouplingPortal.DataverseEmulator.Tests.ServiceProtection;

/// <summary>Auth, 429s with Retry-After (Appendix A 19–20), x-ms-dop-hint and injected faults.</summary>
public sealed class ServiceProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestsWithoutABearerToken_Answer401_WithWwwAuthenticate()
    {
        await using var host = await EmulatorTestHost.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Emulator.WebApiUrl };
        using var response = await anonymous.GetAsync("WhoAmI", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString());
        using var post = await anonymous.PostAsync("accounts", new StringContent("{\"name\":\"x\"}"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(0, host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task AWrongToken_Answers401_WhenATokenIsConfigured()
    {
        await using var host = await EmulatorTestHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.Emulator.WebApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using var response = await client.GetAsync("WhoAmI", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnyToken_IsAccepted_WhenNoTokenIsConfigured()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.AccessToken = null);
        using var client = new HttpClient { BaseAddress = host.Emulator.WebApiUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "anything");
        using var response = await client.GetAsync("WhoAmI", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheRequestLimit_Answers429_WithRetryAfter_UntilTheWindowSlides()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.Throttling = new ThrottlingOptions { RequestsPerWindow = 3, WindowSeconds = 300 });
        for (var i = 0; i < 3; i++)
        {
            using var ok = await host.GetAsync("WhoAmI");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            host.Clock.Advance(TimeSpan.FromSeconds(10));
        }
        using var throttled = await host.GetAsync("WhoAmI");
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(270), throttled.Headers.RetryAfter!.Delta);
        var (code, message) = await EmulatorTestHost.ErrorAsync(throttled);
        Assert.Equal("0x80072322", code);
        Assert.Equal("Number of requests exceeded the limit of 3 over time window of 300 seconds.", message);
        Assert.Equal(1, host.Emulator.ServiceProtection.ThrottledRequests);

        host.Clock.Advance(TimeSpan.FromSeconds(270));
        using var again = await host.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task TheConcurrencyLimit_RefusesExcessRequestsImmediately()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.Throttling = new ThrottlingOptions { MaxConcurrentRequests = 52 });
        host.Emulator.Faults.Pause();
        var pending = Enumerable.Range(0, 60).Select(_ => host.GetAsync("WhoAmI")).ToList();
        var answered = new List<HttpResponseMessage>();
        while (answered.Count < 8)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            answered.Add(await done);
        }
        foreach (var r in answered)
        {
            Assert.Equal((HttpStatusCode)429, r.StatusCode);
            Assert.Equal("0x80072326", (await EmulatorTestHost.ErrorAsync(r)).Code);
            Assert.NotNull(r.Headers.RetryAfter);
        }
        host.Emulator.Faults.Resume();
        var rest = await Task.WhenAll(pending);
        Assert.All(rest, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in answered.Concat(rest)) r.Dispose();
    }

    [Fact]
    public async Task TheExecutionTimeBudget_Answers429_OnceSpent()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.Throttling = new ThrottlingOptions { ExecutionTimeSeconds = 1, WindowSeconds = 300 });
        host.Emulator.Faults.LatencyMs = 1100;
        using var slow = await host.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        host.Emulator.Faults.LatencyMs = 0;
        using var throttled = await host.GetAsync("WhoAmI");
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal("0x80072321", (await EmulatorTestHost.ErrorAsync(throttled)).Code);
    }

    [Fact]
    public async Task ScriptedThrottling_AnswersTheNextRequestsWith429AndRetryAfter_ThenRecovers()
    {
        await using var host = await EmulatorTestHost.StartAsync();
        host.Emulator.Faults.ThrottleNext(3, retryAfterSeconds: 1);
        for (var i = 0; i < 3; i++)
        {
            using var throttled = await host.PostAsync("accounts", new JsonObject { ["name"] = "x" });
            Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
            Assert.Equal("0x80072322", (await EmulatorTestHost.ErrorAsync(throttled)).Code);
        }
        Assert.Equal(0, host.Emulator.Store.Count("accounts"));
        using var ok = await host.PostAsync("accounts", new JsonObject { ["name"] = "x" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(3, host.Emulator.Faults.InjectedFaults);
    }

    [Fact]
    public async Task ScriptedServerErrors_Answer503()
    {
        await using var host = await EmulatorTestHost.StartAsync();
        host.Emulator.Faults.FailNext(1);
        using var failed = await host.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        using var ok = await host.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task FaultRates_FromOptions_AreDeterministicForASeed()
    {
        async Task<List<int>> RunAsync()
        {
            await using var host = await EmulatorTestHost.StartAsync(o => o.Faults = new FaultOptions { ThrottleRate = 0.3, ServerErrorRate = 0.2, Seed = 7 });
            var statuses = new List<int>();
            for (var i = 0; i < 30; i++)
            {
                using var r = await host.GetAsync("WhoAmI");
                statuses.Add((int)r.StatusCode);
            }
            return statuses;
        }
        var first = await RunAsync();
        Assert.Contains(429, first);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
        Assert.Equal(first, await RunAsync());
    }

    [Fact]
    public async Task EveryResponse_CarriesTheDopHint()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.Throttling = new ThrottlingOptions { DopHint = 12 });
        using var response = await host.GetAsync("accounts?$select=name");
        Assert.Equal("12", response.Headers.GetValues("x-ms-dop-hint").Single());
    }

    [Fact]
    public async Task TheRequestLog_HoldsARequestAsSoonAsItsAnswerArrived()
    {
        await using var host = await EmulatorTestHost.StartAsync();
        using var ok = await host.GetAsync("WhoAmI");
        using var anonymous = new HttpClient { BaseAddress = host.Emulator.WebApiUrl };
        using var unauthorized = await anonymous.GetAsync("WhoAmI", Ct);
        Assert.Equal([200, 401], host.Emulator.Requests.Select(r => r.Status));
        Assert.All(host.Emulator.Requests, r => Assert.EndsWith("/api/data/v9.2/WhoAmI", r.Target));
    }
}
