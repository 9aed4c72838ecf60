using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.DataverseEmulator.Tests;

/// <summary>The emulator mounted inside another host under a path prefix (as the portal does).</summary>
public sealed class MountingTests
{
    [Fact]
    public async Task UnderAPrefix_TheWebApiAndItsLinksIncludeThePrefix()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDataverseEmulator(configure: o => o.AccessToken = "t");
        await using var app = builder.Build();
        app.MapGet("/", () => "portal");
        app.MapDataverseEmulator("/dataverse");
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/dataverse/api/data/v9.2/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");
        for (var i = 0; i < 3; i++)
        {
            using var created = await http.PostAsync("accounts", new StringContent(new JsonObject { ["name"] = $"A{i}" }.ToJsonString(), Encoding.UTF8, "application/json"), ct);
            Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
            Assert.Contains("/dataverse/api/data/v9.2/accounts(", created.Headers.GetValues("OData-EntityId").Single());
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, "accounts?$select=name");
        request.Headers.Add("Prefer", "odata.maxpagesize=2");
        using var page = await http.SendAsync(request, ct);
        var next = (string)JsonNode.Parse(await page.Content.ReadAsStringAsync(ct))!["@odata.nextLink"]!;
        Assert.StartsWith(address.TrimEnd('/') + "/dataverse/api/data/v9.2/accounts?", next);
        using var plain = new HttpClient();
        Assert.Equal("portal", await plain.GetStringAsync(address, ct));
        await app.StopAsync(ct);
    }
}
