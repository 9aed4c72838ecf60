using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CouplingPortal.Core.Connection;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.Web.Hosting;
using CouplingPortal.Web.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Connection;

public sealed class EmbeddedDataverseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PortalWithoutEnvironmentUrl_AnswersWhoAmI_FromTheEmbeddedEmulator_OverRealHttp()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        var emulator = factory.Services.GetRequiredService<EmbeddedDataverseHost>().Emulator!;
        using var scope = factory.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IDataverseClient>();

        var whoAmI = await client.WhoAmIAsync(Ct);

        Assert.Equal(new DataverseEmulatorOptions().IntegrationUserId, whoAmI.UserId);
        Assert.Equal(emulator.Options.OrganizationId, whoAmI.OrganizationId);
        Assert.Equal("127.0.0.1", emulator.EnvironmentUrl.Host);
    }

    [Fact]
    public async Task EmbeddedEmulatorApi_RefusesCalls_WithoutTheTokenThePortalWasGiven()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        var emulator = factory.Services.GetRequiredService<EmbeddedDataverseHost>().Emulator!;
        using var http = new HttpClient();

        using var anonymous = await http.GetAsync(new Uri(emulator.WebApiUrl, "WhoAmI"), Ct);
        using var wrongToken = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.WebApiUrl, "WhoAmI"));
        wrongToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guessed");
        using var guessed = await http.SendAsync(wrongToken, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
    }

    [Fact]
    public async Task ConnectionSetup_IsPrefilledAndEnabled_ForTheEmbeddedEmulator_OnFirstStart()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        var emulator = factory.Services.GetRequiredService<EmbeddedDataverseHost>().Emulator!;
        var connection = factory.Services.GetRequiredService<DataverseConnectionService>();

        var setup = await connection.GetAsync(Ct);

        Assert.True(connection.UsesEmbeddedEmulator);
        Assert.Equal(emulator.EnvironmentUrl.AbsoluteUri, setup.EnvironmentUrl);
        Assert.True(setup.IsEnabled);
        Assert.Equal("3c2a1b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", setup.CompanyId);
        Assert.Equal("CRONUS", setup.CompanyName);
        Assert.True(await factory.Services.GetRequiredService<DataverseConnectionState>().IsEnabledAsync(Ct));
    }

    [Fact]
    public async Task DisabledConnection_MakesThePortalsClientRefuse_WhileTestConnectionStillWorks()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        var connection = factory.Services.GetRequiredService<DataverseConnectionService>();
        var setup = await connection.GetAsync(Ct);
        setup.IsEnabled = false;
        Assert.True((await connection.SaveAsync(setup, Ct)).Saved);
        using var scope = factory.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IDataverseClient>();

        var refused = await Assert.ThrowsAsync<DataverseConnectionDisabledException>(() => client.CountAsync(DataverseTable.Accounts, ct: Ct));
        var (_, test) = await connection.TestConnectionAsync(setup, Ct);

        Assert.Contains("Dataverse Connection Setup", refused.Message);
        Assert.Equal(ConnectionTestOutcome.Success, test!.Outcome);
        Assert.False(await factory.Services.GetRequiredService<DataverseConnectionState>().IsEnabledAsync(Ct));
    }

    [Fact]
    public async Task RowsCreatedInTheEmbeddedEmulator_AreStillThere_AfterThePortalRestarts()
    {
        var dataFolder = Directory.CreateTempSubdirectory("couplingportal-embedded-").FullName;
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = dataFolder };
        try
        {
            Guid id;
            await using (var first = new PortalWebApplicationFactory("Development", settings))
            {
                using var scope = first.Services.CreateScope();
                id = await scope.ServiceProvider.GetRequiredService<IDataverseClient>()
                    .CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Restart Proof Ltd." }, ct: Ct);
            }

            await using var second = new PortalWebApplicationFactory("Development", settings);
            using var again = second.Services.CreateScope();
            var row = await again.ServiceProvider.GetRequiredService<IDataverseClient>().RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct);

            Assert.True(File.Exists(Path.Combine(dataFolder, EmbeddedDataverseOptions.SqliteFileName)));
            Assert.Equal("Restart Proof Ltd.", row?.GetString("name"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task ConfiguredEnvironmentUrl_StartsNoEmulator()
    {
        await using var factory = new PortalWebApplicationFactory("Development", new Dictionary<string, string?>
        {
            ["Dataverse:EnvironmentUrl"] = "http://127.0.0.1:9/",
            ["Dataverse:StaticAccessToken"] = "configured",
        });

        var embedded = factory.Services.GetRequiredService<EmbeddedDataverseEnvironment>();

        Assert.Null(factory.Services.GetService<EmbeddedDataverseHost>());
        Assert.False(embedded.IsInUse);
        Assert.False(factory.Services.GetRequiredService<DataverseConnectionService>().UsesEmbeddedEmulator);
    }
}
