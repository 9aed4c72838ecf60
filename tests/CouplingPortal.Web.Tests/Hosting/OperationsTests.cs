using System.Net;

namespace CouplingPortal.Web.Tests.Hosting;

public sealed class OperationsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_AnswersHealthyWithoutSignIn_AndRevealsNothingElse()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: false);

        using var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Health_AnswersUnhealthy_WhenTheDatabaseCannotBeReached()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "couplingportal-web-host-tests", Guid.NewGuid().ToString("N"));
        // The job scheduler would reopen (and so recreate) the database while the test removes it: this test is about
        // the health check alone.
        await using var factory = new PortalWebApplicationFactory("Development",
            new Dictionary<string, string?> { ["Database:DataFolder"] = dataFolder, ["Integration:Scheduler:Enabled"] = "false" });
        using var client = factory.CreateBrowserlessClient(followRedirects: false);
        Assert.Equal("Healthy", await client.GetStringAsync("/health", Ct));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataFolder, recursive: true);
        using var response = await client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task DataProtectionKeys_AreEncryptedAtRest_WhenACertificateIsConfigured()
    {
        var folder = Directory.CreateTempSubdirectory("couplingportal-keys-").FullName;
        try
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=CouplingPortal data protection", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256,
                System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var pfx = Path.Combine(folder, "dp.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "s3cret"), Ct);
            var keys = Path.Combine(folder, "keys");
            await using var factory = new PortalWebApplicationFactory("Development", new Dictionary<string, string?>
            {
                ["Hosting:DataProtectionKeysFolder"] = keys,
                ["Hosting:DataProtectionCertificatePath"] = pfx,
                ["Hosting:DataProtectionCertificatePassword"] = "s3cret",
            });
            using var client = factory.CreateBrowserlessClient(followRedirects: true);

            // Signing in issues a cookie, which makes the key ring create its first key.
            using var response = await client.GetAsync("/", Ct);

            var keyFile = Assert.Single(Directory.GetFiles(keys, "key-*.xml"));
            var xml = await File.ReadAllTextAsync(keyFile, Ct);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CultureSwitch_SetsTheCultureCookie_AndPagesAnswerInDutch()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        var english = await client.GetStringAsync("/customers", Ct);
        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains(">Customers<", english);

        using var noRedirect = factory.CreateBrowserlessClient(followRedirects: false);
        await noRedirect.GetAsync("/authentication/login", Ct);
        using var switchResponse = await noRedirect.GetAsync("/culture/set?culture=nl-NL&redirectUri=%2Fcustomers", Ct);
        Assert.Equal(HttpStatusCode.Redirect, switchResponse.StatusCode);
        Assert.Equal("/customers", switchResponse.Headers.Location!.OriginalString);

        await client.GetAsync("/culture/set?culture=nl-NL&redirectUri=%2Fcustomers", Ct);
        var dutch = await client.GetStringAsync("/customers", Ct);

        Assert.Contains("<html lang=\"nl\"", dutch);
        Assert.Contains(">Klanten<", dutch);
        Assert.Contains("Ontwikkelaarsaanmelding", dutch);
    }

    [Fact]
    public async Task CultureSwitch_IgnoresCulturesThePortalDoesNotOffer_AndForeignRedirects()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        await client.GetStringAsync("/", Ct);
        using var noRedirect = factory.CreateBrowserlessClient(followRedirects: false);
        await noRedirect.GetAsync("/authentication/login", Ct);

        await client.GetAsync("/culture/set?culture=fr-FR&redirectUri=%2F", Ct);
        using var foreign = await noRedirect.GetAsync("/culture/set?culture=nl-NL&redirectUri=https%3A%2F%2Fevil.example%2F", Ct);

        Assert.Contains("<html lang=\"en\"", await client.GetStringAsync("/", Ct));
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
    }
}
