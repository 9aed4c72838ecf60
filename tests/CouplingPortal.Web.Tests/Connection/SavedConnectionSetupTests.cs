using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CouplingPortal.Core.Connection;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.Web.Tests.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;

namespace CouplingPortal.Web.Tests.Connection;

/// <summary>
/// The saved Dataverse Connection Setup drives the portal's shared client: two real emulators on loopback, the portal
/// started against the first, the setup saved for the second.
/// </summary>
public sealed class SavedConnectionSetupTests
{
    private const string SecondTokenKey = "Tests:SecondEmulatorToken";
    private const string AppSecretKey = "Tests:DataverseAppSecret";
    private const string TenantId = "11111111-2222-3333-4444-555555555555";
    private const string ClientId = "66666666-7777-8888-9999-000000000000";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<RunningDataverseEmulator> StartEmulatorAsync(string token, Guid organizationId) =>
        DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { AccessToken = token, OrganizationId = organizationId }, ct: Ct);

    private static Dictionary<string, string?> PointedAt(RunningDataverseEmulator emulator, string token, string dataFolder) => new()
    {
        ["Database:DataFolder"] = dataFolder,
        ["Dataverse:EnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri,
        ["Dataverse:StaticAccessToken"] = token,
    };

    private static DataverseConnectionInput SetupFor(Uri environmentUrl, string reference, string tenantId = "", string clientId = "") => new()
    {
        EnvironmentUrl = environmentUrl.AbsoluteUri,
        TenantId = tenantId,
        ClientId = clientId,
        ClientSecretReference = reference,
        CompanyId = DataverseConnectionSetup.DefaultCompanyId.ToString(),
        CompanyName = DataverseConnectionSetup.DefaultCompanyName,
        IsEnabled = true,
    };

    private static async Task<WhoAmIResult> WhoAmIAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IDataverseClient>().WhoAmIAsync(Ct);
    }

    [Fact]
    public async Task SavingASetupForAnotherEnvironment_MakesThePortalsClientAnswerFromIt_WithoutARestart_AndAfterOne()
    {
        await using var first = await StartEmulatorAsync("first-token", Guid.NewGuid());
        await using var second = await StartEmulatorAsync("second-token", Guid.NewGuid());
        var dataFolder = Directory.CreateTempSubdirectory("couplingportal-saved-setup-").FullName;
        var settings = PointedAt(first, "first-token", dataFolder);
        settings[SecondTokenKey] = "second-token";
        try
        {
            await using (var portal = new PortalWebApplicationFactory("Development", settings))
            {
                // The page before the first save shows the configured environment, not enabled: the admin enables it.
                var enable = await portal.Services.GetRequiredService<DataverseConnectionService>().GetAsync(Ct);
                enable.IsEnabled = true;
                Assert.True((await portal.Services.GetRequiredService<DataverseConnectionService>().SaveAsync(enable, Ct)).Saved);
                var before = await WhoAmIAsync(portal.Services);

                var saved = await portal.Services.GetRequiredService<DataverseConnectionService>()
                    .SaveAsync(SetupFor(second.EnvironmentUrl, SecondTokenKey), Ct);
                var after = await WhoAmIAsync(portal.Services);

                Assert.Equal(first.Options.OrganizationId, before.OrganizationId);
                Assert.True(saved.Saved);
                Assert.Equal(second.Options.OrganizationId, after.OrganizationId);
            }

            // Restarted with the Dataverse section still naming the first emulator: the saved setup wins.
            await using var restarted = new PortalWebApplicationFactory("Development", settings);
            Assert.Equal(second.Options.OrganizationId, (await WhoAmIAsync(restarted.Services)).OrganizationId);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SavingASetupForAnotherEmulator_OverridesTheEmbeddedEmulator_AndSurvivesARestart()
    {
        await using var second = await StartEmulatorAsync("second-token", Guid.NewGuid());
        var dataFolder = Directory.CreateTempSubdirectory("couplingportal-saved-setup-").FullName;
        var settings = new Dictionary<string, string?> { ["Database:DataFolder"] = dataFolder, [SecondTokenKey] = "second-token" };
        try
        {
            await using (var portal = new PortalWebApplicationFactory("Development", settings))
            {
                var embedded = await WhoAmIAsync(portal.Services);
                Assert.True((await portal.Services.GetRequiredService<DataverseConnectionService>()
                    .SaveAsync(SetupFor(second.EnvironmentUrl, SecondTokenKey), Ct)).Saved);

                Assert.NotEqual(second.Options.OrganizationId, embedded.OrganizationId);
                Assert.Equal(second.Options.OrganizationId, (await WhoAmIAsync(portal.Services)).OrganizationId);
            }

            await using var restarted = new PortalWebApplicationFactory("Development", settings);
            var setup = await restarted.Services.GetRequiredService<DataverseConnectionService>().GetAsync(Ct);

            Assert.Equal(second.EnvironmentUrl.AbsoluteUri, setup.EnvironmentUrl);
            Assert.Equal(second.Options.OrganizationId, (await WhoAmIAsync(restarted.Services)).OrganizationId);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task SavingAnEntraSetup_GetsAppTokensForTheSavedTenantAndClient_WithTheSecretReadThroughTheReferenceAtTokenTime()
    {
        // The emulator accepts the token the (loopback-faked) Entra ID token endpoint hands out; nothing leaves the machine.
        await using var first = await StartEmulatorAsync("first-token", Guid.NewGuid());
        await using var second = await StartEmulatorAsync("entra-issued-token", Guid.NewGuid());
        var entra = new FakeEntraTokenEndpoint("entra-issued-token");
        var dataFolder = Directory.CreateTempSubdirectory("couplingportal-saved-setup-").FullName;
        var settings = PointedAt(first, "first-token", dataFolder);
        settings[AppSecretKey] = "secret-at-save-time";
        try
        {
            await using var portal = new PortalWebApplicationFactory("Development", settings,
                services => services.AddHttpClient(Options.DefaultName).ConfigurePrimaryHttpMessageHandler(() => entra));
            var saved = await portal.Services.GetRequiredService<DataverseConnectionService>()
                .SaveAsync(SetupFor(second.EnvironmentUrl, AppSecretKey, TenantId, ClientId), Ct);
            // Rotated after the save, before the first token: the token request must carry the rotated value.
            portal.Services.GetRequiredService<IConfiguration>()[AppSecretKey] = "secret-at-token-time";

            var whoAmI = await WhoAmIAsync(portal.Services);

            var app = portal.Services.GetRequiredService<DataverseEndpoint>().AppRegistration!;
            var identity = portal.Services.GetRequiredService<IOptionsMonitor<MicrosoftIdentityApplicationOptions>>().Get(app.IdentityOptionsName);
            var request = Assert.Single(entra.Requests);
            Assert.True(saved.Saved);
            Assert.Equal(second.Options.OrganizationId, whoAmI.OrganizationId);
            Assert.Equal(TenantId, identity.TenantId);
            Assert.Equal(ClientId, identity.ClientId);
            Assert.Contains($"/{TenantId}/oauth2/v2.0/token", request.Path);
            Assert.Equal(ClientId, request.Form["client_id"]);
            Assert.Equal("secret-at-token-time", request.Form["client_secret"]);
            Assert.Contains(second.EnvironmentUrl.AbsoluteUri.TrimEnd('/') + "/.default", request.Form["scope"]);
            foreach (var file in Directory.GetFiles(dataFolder, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain("secret-at", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Ct)));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>
    /// Stands in for login.microsoftonline.com inside Identity.Web's own HttpClient: answers the client-credentials token
    /// request with a fixed access token and records what was asked. Any other request fails the test.
    /// </summary>
    private sealed class FakeEntraTokenEndpoint(string accessToken) : HttpMessageHandler
    {
        public ConcurrentQueue<(string Path, Dictionary<string, string> Form)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post || request.RequestUri?.Host != "login.microsoftonline.com"
                || !request.RequestUri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent($"not faked: {request.Method} {request.RequestUri}") };
            }

            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var form = body.Split('&').Select(p => p.Split('=', 2))
                .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));
            Requests.Enqueue((request.RequestUri.AbsolutePath, form));
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($$"""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"{{accessToken}}"}""",
                    Encoding.UTF8, "application/json"),
            };
        }
    }
}
