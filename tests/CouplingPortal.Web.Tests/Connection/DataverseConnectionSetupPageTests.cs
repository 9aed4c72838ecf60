using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bunit;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.Web.Components.Pages.Administration;
using CouplingPortal.Web.Tests.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Web.Tests.Connection;

public sealed class DataverseConnectionSetupPageTests : PortalComponentTestContext
{
    private const string SecretKey = "CouplingPortalTests:DataverseClientSecret";
    private const string SecretValue = "s3cr3t-Value-that-must-never-show-9f81";

    private readonly CapturingLoggerProvider logs = new();
    private readonly int closedPort = ClosedLoopbackPort();

    public DataverseConnectionSetupPageTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [SecretKey] = SecretValue,
                // Token requests for an app registration go to a closed loopback port, never to the internet.
                ["Dataverse:Instance"] = $"http://127.0.0.1:{closedPort}/",
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton<ILoggerProvider>(logs);
        Services.AddDataverseConnection(configuration);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_StoresTheSetup_WhenTheInputIsValid()
    {
        var cut = Render<DataverseConnectionSetupPage>();
        cut.WaitForElement("#field-EnvironmentUrl");

        cut.Find("#field-EnvironmentUrl").Change("https://contoso.crm4.dynamics.com/");
        cut.Find("#field-TenantId").Change("11111111-2222-3333-4444-555555555555");
        cut.Find("#field-ClientId").Change("66666666-7777-8888-9999-000000000000");
        cut.Find("#field-ClientSecretReference").Change("DATAVERSE_CLIENT_SECRET");
        cut.Find("#field-CompanyName").Change("CRONUS NL");
        cut.Find("#field-IsEnabled").Change(true);
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#save-errors")));
        var saved = await StoredSetupAsync();
        Assert.NotNull(saved);
        Assert.Equal("https://contoso.crm4.dynamics.com/", saved.EnvironmentUrl);
        Assert.Equal(Guid.Parse("11111111-2222-3333-4444-555555555555"), saved.TenantId);
        Assert.Equal(Guid.Parse("66666666-7777-8888-9999-000000000000"), saved.ClientId);
        Assert.Equal("DATAVERSE_CLIENT_SECRET", saved.ClientSecretReference);
        Assert.Equal(DataverseConnectionSetup.DefaultCompanyId, saved.CompanyId);
        Assert.Equal("CRONUS NL", saved.CompanyName);
        Assert.True(saved.IsEnabled);
        Assert.True(await Services.GetRequiredService<DataverseConnectionState>().IsEnabledAsync(Ct));
    }

    [Fact]
    public async Task InvalidUrlAndGuid_ShowDutchFieldErrors_AndSaveNothing_UnderDutchCulture()
    {
        UseCulture("nl-NL");
        var cut = Render<DataverseConnectionSetupPage>();
        cut.WaitForElement("#field-EnvironmentUrl");

        cut.Find("#field-EnvironmentUrl").Change("contoso dot dynamics");
        cut.Find("#field-TenantId").Change("not-a-guid");
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Voer een volledig http- of https-adres in", cut.Markup));
        Assert.Contains("Voer een GUID in", cut.Markup);
        Assert.Contains("De verbindingsinstellingen zijn niet opgeslagen", cut.Find("#save-errors").TextContent);
        Assert.Null(await StoredSetupAsync());
    }

    [Fact]
    public async Task TestConnection_ShowsSuccessWithUserAndOrganization_AgainstARunningEmulator_EvenWhileDisabled()
    {
        await using var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions(), ct: Ct);
        var cut = Render<DataverseConnectionSetupPage>();
        cut.WaitForElement("#field-EnvironmentUrl");
        Assert.NotEmpty(cut.FindAll("#connection-disabled"));

        cut.Find("#field-EnvironmentUrl").Change(emulator.EnvironmentUrl.AbsoluteUri);
        cut.Find("#action-test-connection").Click();

        cut.WaitForAssertion(() => Assert.Equal("Success", cut.Find("#test-result").GetAttribute("data-outcome")), TimeSpan.FromSeconds(30));
        Assert.Contains("The connection test was successful.", cut.Find("#test-result").TextContent);
        Assert.Equal(emulator.Options.IntegrationUserId.ToString(), cut.Find("#test-user-id").TextContent);
        Assert.Equal(emulator.Options.OrganizationId.ToString(), cut.Find("#test-organization-id").TextContent);
        Assert.Null(await StoredSetupAsync());
    }

    [Fact]
    public void TestConnection_ShowsUnreachableWithTheReason_WhenNothingListensOnThePort()
    {
        var url = $"http://127.0.0.1:{closedPort}/";
        var cut = Render<DataverseConnectionSetupPage>();
        cut.WaitForElement("#field-EnvironmentUrl");

        cut.Find("#field-EnvironmentUrl").Change(url);
        cut.Find("#action-test-connection").Click();

        cut.WaitForAssertion(() => Assert.Equal("Unreachable", cut.Find("#test-result").GetAttribute("data-outcome")), TimeSpan.FromSeconds(30));
        Assert.Contains($"Dataverse could not be reached at {url}.", cut.Find("#test-result").TextContent);
        Assert.Contains("Dataverse did not answer", cut.Find("#test-message").TextContent);
    }

    [Fact]
    public async Task SecretReferencesValue_NeverAppearsInThePage_TheLogs_OrTheDatabase()
    {
        var cut = Render<DataverseConnectionSetupPage>();
        cut.WaitForElement("#field-EnvironmentUrl");

        cut.Find("#field-EnvironmentUrl").Change($"http://127.0.0.1:{closedPort}/");
        cut.Find("#field-TenantId").Change("11111111-2222-3333-4444-555555555555");
        cut.Find("#field-ClientId").Change("66666666-7777-8888-9999-000000000000");
        cut.Find("#field-ClientSecretReference").Change(SecretKey);
        cut.Find("#action-save").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#action-test-connection")));
        cut.Find("#action-test-connection").Click();
        cut.WaitForAssertion(() => Assert.NotEqual("Success", cut.Find("#test-result").GetAttribute("data-outcome")), TimeSpan.FromSeconds(60));

        Assert.Contains(SecretKey, cut.Markup);
        Assert.DoesNotContain(SecretValue, cut.Markup);
        Assert.NotEmpty(logs.Messages);
        Assert.DoesNotContain(logs.Messages, m => m.Contains(SecretValue, StringComparison.Ordinal));
        var saved = await StoredSetupAsync();
        Assert.Equal(SecretKey, saved!.ClientSecretReference);
        Assert.DoesNotContain(SecretValue, string.Join("|", saved.EnvironmentUrl, saved.ClientSecretReference, saved.CompanyName));
    }

    private async Task<DataverseConnectionSetup?> StoredSetupAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.DataverseConnectionSetup.AsNoTracking().SingleOrDefaultAsync(Ct);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue($"{category} {formatter(state, exception)} {exception}");
        }
    }
}
