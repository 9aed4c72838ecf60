using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real portal on Kestrel on a free loopback port, on its embedded defaults (SQLite file in a temporary data
/// folder, demo data, development sign-in), the way a newcomer's `dotnet run` starts it.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<CouplingPortal.Web.Components.App>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("couplingportal-e2e-").FullName;

    public PortalServer() => UseKestrel(0);

    public Uri BaseUrl { get; private set; } = null!;

    public IServiceProvider AppServices => Services;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataFolder", _dataFolder);
        builder.UseSetting("Hosting:UseHttpsRedirection", "false");
    }

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        BaseUrl = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle released late must not fail the run; the folder is under the temp directory.
        }
    }
}
