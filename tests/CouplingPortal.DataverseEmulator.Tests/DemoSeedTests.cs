using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Seed;

namespace CouplingPortal.DataverseEmulator.Tests;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task TheSeed_FollowsTheDemoDataContract()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.SeedDemoData = true);
        async Task<JsonArray> Query(string url)
        {
            using var r = await host.GetAsync(url);
            return (await EmulatorTestHost.JsonAsync(r))["value"]!.AsArray();
        }
        var cronus = await Query($"accounts?$select=name&$filter=_bcbi_companyid_value eq {DemoSeed.CronusCompanyId}&$orderby=name");
        Assert.Equal(["Adatum Corporation", "Trey Research"], cronus.Select(v => (string)v!["name"]!));
        Assert.Equal(2, (await Query("accounts?$select=name&$filter=name eq 'Relecloud'")).Count);
        Assert.Equal(2, (await Query("accounts?$select=name&$filter=customertypecode eq 11")).Count);
        Assert.Single(await Query($"accounts?$select=name&$filter=_bcbi_companyid_value eq {DemoSeed.FabrikamCompanyId}"));
        Assert.NotEmpty(await Query("accounts?$select=name&$filter=statecode eq 1"));
        Assert.Single(await Query("accounts?$select=name&$filter=customertypecode eq 8"));
        Assert.Equal("München", (string)(await Query("accounts?$select=address1_city&$filter=name eq 'Alpine Ski House'"))[0]!["address1_city"]!);
        Assert.Single(await Query("products?$select=name&$filter=producttypecode eq 3"));
        Assert.Equal(3, (await Query("transactioncurrencies?$select=isocurrencycode")).Count);
        var integrationUser = await Query($"systemusers?$select=fullname,isintegrationuser&$filter=systemuserid eq {host.Emulator.Options.IntegrationUserId}");
        Assert.Equal("# Business Central", (string)integrationUser[0]!["fullname"]!);
        var modifiedByIntegration = await Query($"accounts?$select=name&$filter=_modifiedby_value eq {host.Emulator.Options.IntegrationUserId}");
        Assert.Empty(modifiedByIntegration);
    }

    [Fact]
    public async Task InvalidOptions_FailAtStart_NamingTheKey()
    {
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Sqlite", Faults = new FaultOptions { ThrottleRate = 2 } }, ct: TestContext.Current.CancellationToken));
        Assert.Contains("DataverseEmulator:SqlitePath", e.Message);
        Assert.Contains("DataverseEmulator:Faults:ThrottleRate", e.Message);
    }

    [Fact]
    public async Task Reset_EmptiesTheStore_AndCanSeedAgain()
    {
        await using var host = await EmulatorTestHost.StartAsync(o => o.SeedDemoData = true);
        var seeded = host.Emulator.Store.Count("accounts");
        var extra = await host.CreateAsync("accounts", new JsonObject { ["name"] = "Extra", ["accountnumber"] = "X1" });
        using var tracking = await host.GetAsync("accounts?$select=name", ("Prefer", "odata.track-changes"));
        var deltaLink = (string)(await EmulatorTestHost.JsonAsync(tracking))["@odata.deltaLink"]!;

        host.Emulator.Store.Reset();
        Assert.Equal(0, host.Emulator.Store.Count("accounts"));
        Assert.Null(host.Emulator.Store.Retrieve("accounts", extra));
        await host.CreateAsync("accounts", new JsonObject { ["name"] = "Again", ["accountnumber"] = "X1" });

        host.Emulator.Store.Reset(seedDemoData: true);
        Assert.Equal(seeded, host.Emulator.Store.Count("accounts"));
        using var delta = await host.GetAsync(deltaLink);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, delta.StatusCode);
        Assert.Equal("0x80044352", (await EmulatorTestHost.ErrorAsync(delta)).Code);
    }
}
