using System.Net;
using CouplingPortal.DataverseEmulator.Seed;

namespace CouplingPortal.DataverseEmulator.Tests.SalesForm;

public sealed class SalesFormTests : IAsyncLifetime
{
    private EmulatorTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorTestHost.StartAsync(o =>
    {
        o.SeedDemoData = true;
        o.PortalUrl = "http://127.0.0.1:5000/dataverse/open";
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheAccountPage_ShowsMainFields_AndABusinessCentralButtonWithTheCrmRedirectShape()
    {
        var id = DemoSeed.StableId("account:Adatum Corporation");
        using var browser = new HttpClient();
        using var response = await browser.GetAsync(_host.Emulator.RecordPageUrl("account", id), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Adatum Corporation", html);
        Assert.Contains("Robert Townes", html);
        Assert.Contains($"href=\"http://127.0.0.1:5000/dataverse/open?CRMType=account&amp;CRMID={id:D}\"", html);
        Assert.Contains(">Business Central<", html);
    }

    [Fact]
    public async Task TheLists_LinkToEveryRecordPage()
    {
        using var browser = new HttpClient();
        foreach (var set in new[] { "accounts", "contacts", "products" })
        {
            var html = await browser.GetStringAsync(new Uri(_host.Emulator.EnvironmentUrl, "sales/" + set), TestContext.Current.CancellationToken);
            Assert.Equal(_host.Emulator.Store.Count(set), html.Split("pagetype=entityrecord").Length - 1);
        }
    }

    [Fact]
    public async Task AnUnknownRecord_Answers404()
    {
        using var browser = new HttpClient();
        using var response = await browser.GetAsync(_host.Emulator.RecordPageUrl("product", Guid.NewGuid()), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
