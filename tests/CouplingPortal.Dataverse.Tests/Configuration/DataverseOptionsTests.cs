using CouplingPortal.Dataverse.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Dataverse.Tests.Configuration;

public sealed class DataverseOptionsTests
{
    private static DataverseOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddDataverseClient(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<DataverseOptions>>().Value;
    }

    [Fact]
    public void RealEnvironmentWithoutAppRegistration_FailsNamingTheKeys()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com" }));

        Assert.Contains("Dataverse:TenantId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dataverse:ClientId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClientSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeEnvironmentUrl_IsRefused()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Dataverse:EnvironmentUrl"] = "contoso", ["Dataverse:StaticAccessToken"] = "t" }));

        Assert.Contains("Dataverse:EnvironmentUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParallelismAboveDataverseLimit_IsRefused()
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Dataverse:MaxParallelism"] = "53" }));
    }

    [Fact]
    public void AppRegistrationWithSecret_IsValid_AndToStringNeverShowsTheSecret()
    {
        var options = Resolve(new()
        {
            ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com",
            ["Dataverse:TenantId"] = "tenant",
            ["Dataverse:ClientId"] = "client",
            ["Dataverse:ClientSecret"] = "s3cr3t-value",
        });

        Assert.DoesNotContain("s3cr3t-value", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_CanBePointedAtAnEmulatorKnownOnlyAfterStartUp()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddLogging().AddDataverseClient(configuration).BuildServiceProvider();
        var endpoint = services.GetRequiredService<DataverseEndpoint>();

        Assert.False(endpoint.IsConfigured);
        Assert.Throws<InvalidOperationException>(() => endpoint.WebApiUrl);

        endpoint.UseEnvironment(new Uri("http://127.0.0.1:50123"), "emulator-token");

        Assert.Equal(new Uri("http://127.0.0.1:50123/api/data/v9.2/"), services.GetRequiredService<IDataverseEndpoint>().WebApiUrl);
    }
}
