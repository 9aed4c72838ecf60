using CouplingPortal.Dataverse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CouplingPortal.Core.Connection;

public static class DataverseConnectionServiceCollectionExtensions
{
    /// <summary>
    /// The Dataverse client (section "Dataverse") as the portal's features get it: refusing to work while the
    /// connection setup is disabled; plus the setup service, the connection state and Test Connection.
    /// </summary>
    public static IServiceCollection AddDataverseConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataverseClient(configuration);
        // A saved setup may name an Entra app registration although the Dataverse section names none.
        services.AddDataverseAppTokenAcquisition();
        var client = services.Last(d => d.ServiceType == typeof(IDataverseClient));
        if (client.ImplementationFactory is not { } createClient)
        {
            throw new InvalidOperationException("AddDataverseClient registered IDataverseClient without a factory; the connection guard cannot wrap it.");
        }

        services.Remove(client);
        services.Add(ServiceDescriptor.Describe(typeof(IDataverseClient),
            sp => new ConnectionGuardedDataverseClient((IDataverseClient)createClient(sp), sp.GetRequiredService<DataverseConnectionState>()),
            client.Lifetime));

        services.TryAddSingleton<EmbeddedDataverseEnvironment>();
        services.TryAddSingleton<DataverseConnectionState>();
        services.TryAddSingleton<DataverseConnectionTester>();
        services.TryAddSingleton<DataverseConnectionService>();
        return services;
    }
}
