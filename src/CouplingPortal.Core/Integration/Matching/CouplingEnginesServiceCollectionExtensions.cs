using CouplingPortal.Core.Integration.Uncoupling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CouplingPortal.Core.Integration.Matching;

public static class CouplingEnginesServiceCollectionExtensions
{
    /// <summary>
    /// Match-based coupling and uncoupling (<see cref="IMatchBasedCoupling"/>, <see cref="IUncouplingEngine"/>), with
    /// their options ("Integration:Matching", "Integration:Uncoupling") validated on start. They need the Dataverse client.
    /// </summary>
    public static IServiceCollection AddCouplingEngines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingOptions>()
            .Bind(configuration.GetSection(MatchingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<UncouplingOptions>()
            .Bind(configuration.GetSection(UncouplingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IMatchBasedCoupling, MatchBasedCoupling>();
        services.TryAddSingleton<IUncouplingEngine, UncouplingEngine>();
        return services;
    }
}
