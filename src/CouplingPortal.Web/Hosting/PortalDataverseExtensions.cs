using CouplingPortal.Core.Connection;
using CouplingPortal.Dataverse.Configuration;

namespace CouplingPortal.Web.Hosting;

public static class PortalDataverseExtensions
{
    /// <summary>
    /// The Dataverse client (guarded by the connection setup) and, when Dataverse:EnvironmentUrl is empty, the embedded
    /// Dataverse emulator the client is pointed at, so `dotnet run` works with nothing configured. Either way a saved
    /// connection setup wins over both at start-up (and on every save).
    /// </summary>
    public static WebApplicationBuilder AddPortalDataverse(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataverseConnection(builder.Configuration);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{DataverseOptions.SectionName}:{nameof(DataverseOptions.EnvironmentUrl)}"]))
        {
            builder.AddEmbeddedDataverse();
        }
        else
        {
            builder.Services.AddHostedService<SavedDataverseConnectionStartup>();
        }
        return builder;
    }

    /// <summary>Points the shared Dataverse client at the saved connection setup before the portal serves requests.</summary>
    private sealed class SavedDataverseConnectionStartup(DataverseConnectionService connection) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => connection.ApplySavedSetupAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Runs the Dataverse emulator beside the portal on its own Kestrel on 127.0.0.1 rather than mounted in the portal's
    /// pipeline under a path prefix. Why: the portal's pipeline is built for browsers (sign-in fallback policy, https
    /// redirection, antiforgery, status-code re-execution, culture) and the client would have to find the portal's own
    /// bound address, which is unknown before the server starts and unusable when it is 0.0.0.0, a container port or
    /// https behind a proxy. On a loopback port the address is known before the first request, the emulator keeps its
    /// bearer-token check and its loopback-only rule for the Sales form exactly as tested, and the portal's security is
    /// untouched. The price: the Sales form is reachable only from the same machine, which is what a demo emulator is for.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedDataverse(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddedDataverseOptions>()
            .Bind(builder.Configuration.GetSection(EmbeddedDataverseOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<EmbeddedDataverseHost>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedDataverseHost>());
        return builder;
    }
}
