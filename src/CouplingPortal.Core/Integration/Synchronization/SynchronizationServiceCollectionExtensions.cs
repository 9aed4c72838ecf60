using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CouplingPortal.Core.Integration.Synchronization;

public static class SynchronizationServiceCollectionExtensions
{
    /// <summary>The synchronization engine and its options ("Integration:Synchronization", validated on start).</summary>
    public static IServiceCollection AddSynchronizationEngine(this IServiceCollection services)
    {
        services.AddOptions<SynchronizationOptions>()
            .BindConfiguration(SynchronizationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SynchronizationEngine>();
        services.TryAddSingleton<ISynchronizationEngine>(sp => sp.GetRequiredService<SynchronizationEngine>());
        return services;
    }
}
