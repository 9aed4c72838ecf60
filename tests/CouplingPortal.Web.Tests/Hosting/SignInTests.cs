using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CouplingPortal.Web.Tests.Hosting;

public sealed partial class SignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousRequestToAPage_IsChallengedWithTheEntraIdSignIn_WhenAzureAdIsConfigured()
    {
        await using var factory = new PortalWebApplicationFactory("Production",
            new Dictionary<string, string?>
            {
                ["AzureAd:Instance"] = "https://login.example.test/",
                ["AzureAd:TenantId"] = "11111111-2222-3333-4444-555555555555",
                ["AzureAd:ClientId"] = "portal-test-client",
            },
            services => services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                // Offline: the metadata document would come from the tenant; a static configuration stands in for it.
                var configuration = new OpenIdConnectConfiguration
                {
                    Issuer = "https://login.example.test/11111111-2222-3333-4444-555555555555/v2.0",
                    AuthorizationEndpoint = "https://login.example.test/oauth2/v2.0/authorize",
                    TokenEndpoint = "https://login.example.test/oauth2/v2.0/token",
                    EndSessionEndpoint = "https://login.example.test/oauth2/v2.0/logout",
                };
                options.Configuration = configuration;
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            }));
        using var client = factory.CreateBrowserlessClient(followRedirects: false);

        using var response = await client.GetAsync("/customers", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://login.example.test/oauth2/v2.0/authorize?", location);
        Assert.Contains("client_id=portal-test-client", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);
    }

    [Fact]
    public async Task DevelopmentSignIn_IsRefusedOutsideDevelopment_WithAMessageNamingTheSetting()
    {
        await using var factory = new PortalWebApplicationFactory("Production");

        var error = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(error);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("DevelopmentSignIn:Allowed", messages);
    }

    [Fact]
    public async Task DevelopmentSignIn_RunsOutsideDevelopment_WhenTheSettingAllowsIt()
    {
        await using var factory = new PortalWebApplicationFactory("Production",
            new Dictionary<string, string?> { ["DevelopmentSignIn:Allowed"] = "true" });
        using var client = factory.CreateBrowserlessClient(followRedirects: true);

        var html = await client.GetStringAsync("/", Ct);

        Assert.Contains("Development sign-in", html);
        Assert.Contains("Demo Admin", html);
    }

    [Fact]
    public async Task AnonymousVisitor_IsSignedInAutomaticallyAsDemoAdmin_InDevelopment()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: false);

        using var challenge = await client.GetAsync("/customers", Ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("/authentication/login?ReturnUrl=%2Fcustomers", challenge.Headers.Location!.PathAndQuery);

        using var login = await client.GetAsync(challenge.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/customers", login.Headers.Location!.OriginalString);

        var html = await client.GetStringAsync("/customers", Ct);
        Assert.Contains("Demo Admin", html);
        Assert.Contains("id=\"dev-sign-in-notice\"", html);
    }

    [Fact]
    public async Task DemoUser_GetsAccessDenied_OnTheAdminOnlySystemInformationPage()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        var adminView = await client.GetStringAsync("/system", Ct);
        Assert.Contains("SQLite", adminView);

        using var switched = await client.PostAsync("/authentication/switch-user", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = "user",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(adminView),
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("Demo User", await switched.Content.ReadAsStringAsync(Ct));

        using var denied = await client.GetAsync("/system", Ct);

        Assert.Equal("/access-denied", denied.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await denied.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"access-denied\"", html);
        Assert.DoesNotContain("id=\"database-provider\"", html);
    }

    [Fact]
    public async Task SwitchUser_WithoutAnAntiforgeryToken_IsRejected()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        await client.GetStringAsync("/", Ct);

        using var response = await client.PostAsync("/authentication/switch-user",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["persona"] = "user", ["returnUrl"] = "/" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Demo Admin", await client.GetStringAsync("/", Ct));
    }

    private static string AntiforgeryToken(string html) =>
        AntiforgeryTokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page carries no antiforgery token.");

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
