using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Real environments get app tokens from Microsoft.Identity.Web for scope "&lt;environment url&gt;/.default".</summary>
public sealed class DataverseClientAuthenticationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAppRegistration_GetsAnAppTokenPerRequest_ForTheEnvironmentsDefaultScope()
    {
        var headers = new RecordingHeaderProvider();
        var options = new Dictionary<string, string?>
        {
            ["Dataverse:TenantId"] = "contoso.onmicrosoft.com",
            ["Dataverse:ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["Dataverse:ClientSecret"] = "app-secret",
        };
        await using var dv = await EmulatorConnection.StartAsync(
            e => e.AccessToken = null,
            options,
            services => services.AddSingleton<IAuthorizationHeaderProvider>(headers),
            withToken: false);

        await dv.Client.WhoAmIAsync(Ct);
        await dv.Client.WhoAmIAsync(Ct);

        Assert.Equal(2, headers.Scopes.Count);
        Assert.All(headers.Scopes, s => Assert.Equal(dv.Emulator.EnvironmentUrl.AbsoluteUri + ".default", s));
        Assert.All(headers.OptionNames, n => Assert.Equal("Dataverse", n));
    }

    [Fact]
    public async Task TheIdentityWebApplicationOptions_AreBuiltFromTheDataverseSection()
    {
        await using var dv = await EmulatorConnection.StartAsync(clientSettings: new()
        {
            ["Dataverse:TenantId"] = "contoso.onmicrosoft.com",
            ["Dataverse:ClientId"] = "11111111-2222-3333-4444-555555555555",
            ["Dataverse:CertificateThumbprint"] = "ABCDEF0123456789",
        }, withToken: false, services: services =>
        {
            using var provider = services.BuildServiceProvider();
            var identity = provider.GetRequiredService<IOptionsMonitor<MicrosoftIdentityApplicationOptions>>().Get("Dataverse");
            Assert.Equal("contoso.onmicrosoft.com", identity.TenantId);
            Assert.Equal("11111111-2222-3333-4444-555555555555", identity.ClientId);
            var credential = Assert.Single(identity.ClientCredentials!);
            Assert.Equal(CredentialSource.StoreWithThumbprint, credential.SourceType);
            Assert.Equal("ABCDEF0123456789", credential.CertificateThumbprint);
        });

        Assert.Empty(dv.Emulator.Requests);
    }

    private sealed class RecordingHeaderProvider : IAuthorizationHeaderProvider
    {
        public List<string> Scopes { get; } = [];
        public List<string?> OptionNames { get; } = [];

        public Task<string> CreateAuthorizationHeaderForAppAsync(string scopes, AuthorizationHeaderProviderOptions? downstreamApiOptions = null,
            CancellationToken cancellationToken = default)
        {
            lock (Scopes)
            {
                Scopes.Add(scopes);
                OptionNames.Add(downstreamApiOptions?.AcquireTokenOptions?.AuthenticationOptionsName);
            }

            return Task.FromResult("Bearer app-token-" + Scopes.Count);
        }

        public Task<string> CreateAuthorizationHeaderForUserAsync(IEnumerable<string> scopes, AuthorizationHeaderProviderOptions? authorizationHeaderProviderOptions = null,
            System.Security.Claims.ClaimsPrincipal? claimsPrincipal = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Dataverse uses app tokens only.");

        public Task<string> CreateAuthorizationHeaderAsync(IEnumerable<string> scopes, AuthorizationHeaderProviderOptions? options = null,
            System.Security.Claims.ClaimsPrincipal? claimsPrincipal = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Dataverse uses app tokens only.");
    }
}
