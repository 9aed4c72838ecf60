using System.Net;
using System.Text.Json.Nodes;

namespace CouplingPortal.DataverseEmulator.Tests.ChangeTracking;

/// <summary>Change tracking (Appendix A 15–16): delta links with updated rows and $deletedEntity entries.</summary>
public sealed class ChangeTrackingTests : IAsyncLifetime
{
    private EmulatorTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorTestHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<(JsonObject Json, string DeltaLink)> InitialAsync(string url, int? pageSize = null)
    {
        var rows = new JsonArray();
        string? next = url;
        JsonObject? last = null;
        while (next is not null)
        {
            using var response = await _host.GetAsync(next, ("Prefer", "odata.track-changes" + (pageSize is { } p ? $",odata.maxpagesize={p}" : "")));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await EmulatorTestHost.JsonAsync(response);
            foreach (var row in last["value"]!.AsArray()) rows.Add(row!.DeepClone());
            next = (string?)last["@odata.nextLink"];
            if (next is not null) Assert.Null(last["@odata.deltaLink"]);
        }
        last!["value"] = rows;
        return (last, (string)last["@odata.deltaLink"]!);
    }

    [Fact]
    public async Task ADelta_ReturnsUpdatedRowsThenDeletedRows_AndANewDeltaLink()
    {
        var a = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["telephone1"] = "1" });
        var b = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "B" });
        var c = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "C" });
        var (initial, deltaLink) = await InitialAsync("accounts?$select=name,telephone1");
        Assert.Equal(3, initial["value"]!.AsArray().Count);
        Assert.Contains("$deltatoken=", deltaLink);

        await _host.PatchAsync($"accounts({a})", new JsonObject { ["telephone1"] = "2" });
        await _host.DeleteAsync($"accounts({b})");

        using var response = await _host.GetAsync(deltaLink);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delta = await EmulatorTestHost.JsonAsync(response);
        Assert.EndsWith("$metadata#accounts(name,telephone1)/$delta", (string)delta["@odata.context"]!);
        var values = delta["value"]!.AsArray();
        Assert.Equal(2, values.Count);
        Assert.Equal(a.ToString(), (string)values[0]!["accountid"]!);
        Assert.Equal("2", (string)values[0]!["telephone1"]!);
        Assert.False(values[0]!.AsObject().ContainsKey("accountnumber"));
        Assert.EndsWith("$metadata#accounts/$deletedEntity", (string)values[1]!["@odata.context"]!);
        Assert.Equal(b.ToString(), (string)values[1]!["id"]!);
        Assert.Equal("deleted", (string)values[1]!["reason"]!);

        var nextLink = (string)delta["@odata.deltaLink"]!;
        Assert.NotEqual(deltaLink, nextLink);
        using var empty = await _host.GetAsync(nextLink);
        Assert.Empty((await EmulatorTestHost.JsonAsync(empty))["value"]!.AsArray());
        Assert.NotEqual(Guid.Empty, c);
    }

    [Fact]
    public async Task ARowCreatedAndDeletedBetweenTokens_ShowsUpAsADeletion()
    {
        var (_, deltaLink) = await InitialAsync("accounts?$select=name");
        var ghost = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Ghost" });
        await _host.DeleteAsync($"accounts({ghost})");
        using var response = await _host.GetAsync(deltaLink);
        var row = Assert.Single((await EmulatorTestHost.JsonAsync(response))["value"]!.AsArray());
        Assert.Equal(ghost.ToString(), (string)row!["id"]!);
    }

    [Fact]
    public async Task TheInitialSnapshot_PagesWithNextLinks_AndPutsTheDeltaLinkOnTheLastPage()
    {
        for (var i = 0; i < 5; i++) await _host.CreateAsync("accounts", new JsonObject { ["name"] = $"A{i}" });
        var (initial, deltaLink) = await InitialAsync("accounts?$select=name", pageSize: 2);
        Assert.Equal(5, initial["value"]!.AsArray().Count);
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Later" });
        using var response = await _host.GetAsync(deltaLink);
        Assert.Equal("Later", (string)Assert.Single((await EmulatorTestHost.JsonAsync(response))["value"]!.AsArray())!["name"]!);
    }

    [Theory]
    [InlineData("accounts?$select=name&$filter=name eq 'A'", "$filter")]
    [InlineData("accounts?$select=name&$orderby=name", "$orderby")]
    [InlineData("accounts?$select=name&$top=5", "$top")]
    public async Task TrackChanges_WithFilterOrderByOrTop_Answers400(string url, string option)
    {
        using var response = await _host.GetAsync(url, ("Prefer", "odata.track-changes"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(option, (await EmulatorTestHost.ErrorAsync(response)).Message);
    }

    [Fact]
    public async Task TrackChanges_OnATableWithoutChangeTracking_Answers400_ChangeTrackingNotEnabled()
    {
        using var response = await _host.GetAsync("systemusers?$select=fullname", ("Prefer", "odata.track-changes"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0x80072491", (await EmulatorTestHost.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task AnExpiredDeltaToken_Answers400_ExpiredVersionStamp()
    {
        var (_, deltaLink) = await InitialAsync("accounts?$select=name");
        _host.Clock.Advance(TimeSpan.FromDays(8));
        using var response = await _host.GetAsync(deltaLink);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0x80044352", (await EmulatorTestHost.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task CountingChanges_WithADeltaToken_ReturnsTheNumberOfChanges()
    {
        var (_, deltaLink) = await InitialAsync("accounts?$select=name");
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "New" });
        var token = deltaLink[deltaLink.IndexOf("$deltatoken=", StringComparison.Ordinal)..];
        using var response = await _host.GetAsync("accounts/$count?" + token);
        Assert.Equal("1", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
