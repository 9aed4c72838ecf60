using System.Net;
using System.Text.RegularExpressions;
using CouplingPortal.Web.Tests.Hosting;

namespace CouplingPortal.Web.Tests.Integration;

/// <summary>Admin pages through the real app over HTTP: the User role is refused, and sees only the signed-in pages' links.</summary>
public sealed partial class IntegrationAdminAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserRole_IsRefusedOnTheAdminPages_ButSeesTheJobsAndErrorsPages()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        var adminView = await client.GetStringAsync("/integration-table-mappings", Ct);
        Assert.Contains("id=\"page-title\"", adminView);
        Assert.Contains("href=\"/integration-table-mappings\"", adminView);

        using var switched = await client.PostAsync("/authentication/switch-user", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = "user",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(adminView),
        }), Ct);
        Assert.Contains("Demo User", await switched.Content.ReadAsStringAsync(Ct));

        foreach (var path in new[] { "/integration-table-mappings", "/integration-table-mappings/CUSTOMER", "/integration-table-mappings/CUSTOMER/fields", "/integration-table-mappings/full-synchronization" })
        {
            using var denied = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
            Assert.Equal("/access-denied", denied.RequestMessage!.RequestUri!.AbsolutePath);
            var html = await denied.Content.ReadAsStringAsync(Ct);
            Assert.Contains("id=\"access-denied\"", html);
            Assert.DoesNotContain("href=\"/integration-table-mappings\"", html);
        }

        foreach (var path in new[] { "/integration-synchronization-jobs", "/coupled-data-synchronization-errors" })
        {
            using var allowed = await client.GetAsync(path, Ct);
            Assert.Equal(path, allowed.RequestMessage!.RequestUri!.AbsolutePath);
            var html = await allowed.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("id=\"access-denied\"", html);
            Assert.Contains("id=\"page-title\"", html);
            Assert.Contains($"href=\"{path}\"", html);
        }
    }

    private static string AntiforgeryToken(string html) =>
        AntiforgeryTokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page carries no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenPattern();
}
