using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CouplingPortal.Core.Integration.Actions;

public static class CouplingActionsServiceCollectionExtensions
{
    /// <summary>The user actions of the coupling screens (they need the engines and the job queue registered too).</summary>
    public static IServiceCollection AddCouplingActions(this IServiceCollection services)
    {
        services.TryAddSingleton<CouplingActions>();
        services.TryAddSingleton<SynchronizationErrorActions>();
        services.TryAddSingleton<MappingActions>();
        services.TryAddSingleton<DataverseOpenActions>();
        return services;
    }
}
