using System.Net;
using System.Text.RegularExpressions;
using CouplingPortal.Web.Tests.Hosting;

namespace CouplingPortal.Web.Tests.Connection;

public sealed partial class DataverseConnectionSetupAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoUser_GetsAccessDenied_OnDataverseConnectionSetup_WhileTheAdminSeesIt()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        var adminView = await client.GetStringAsync("/dataverse-connection-setup", Ct);
        Assert.Contains("id=\"field-EnvironmentUrl\"", adminView);

        using var switched = await client.PostAsync("/authentication/switch-user", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = "user",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(adminView),
        }), Ct);
        Assert.Contains("Demo User", await switched.Content.ReadAsStringAsync(Ct));

        using var denied = await client.GetAsync("/dataverse-connection-setup", Ct);

        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal("/access-denied", denied.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await denied.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"access-denied\"", html);
        Assert.DoesNotContain("id=\"field-EnvironmentUrl\"", html);
        Assert.DoesNotContain("href=\"/dataverse-connection-setup\"", html);
    }

    private static string AntiforgeryToken(string html) =>
        AntiforgeryTokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page carries no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
