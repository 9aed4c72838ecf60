using CouplingPortal.Core.Connection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CouplingPortal.Core.Integration.Jobs;

public static class IntegrationJobsServiceCollectionExtensions
{
    /// <summary>
    /// The job queue (<see cref="IIntegrationJobQueue"/>, and <see cref="IntegrationJobQueue"/> for the recurring
    /// entries), its events (<see cref="IIntegrationJobEvents"/>), the handler of each job kind, the event-driven
    /// rescheduling on local saves, and the "Integration:Scheduler" options. The hosted scheduler itself comes with
    /// <see cref="AddIntegrationScheduler"/>, so test hosts and tools can leave it out.
    /// </summary>
    public static IServiceCollection AddIntegrationJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntegrationSchedulerOptions>()
            .Bind(configuration.GetSection(IntegrationSchedulerOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataverseConnectionState>();
        services.TryAddSingleton<IntegrationJobSignal>();
        services.TryAddSingleton<IntegrationJobEvents>();
        services.TryAddSingleton<IIntegrationJobEvents>(sp => sp.GetRequiredService<IntegrationJobEvents>());
        services.TryAddSingleton<IntegrationJobQueue>();
        services.TryAddSingleton<IIntegrationJobQueue>(sp => sp.GetRequiredService<IntegrationJobQueue>());

        services.TryAddSingleton<LocalChangeRescheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInterceptor, LocalChangeRescheduler>(sp => sp.GetRequiredService<LocalChangeRescheduler>()));

        services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationJobHandler, SynchronizationJobHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationJobHandler, MatchBasedCouplingJobHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IIntegrationJobHandler, UncouplingJobHandler>());
        return services;
    }

    /// <summary>The hosted scheduler that runs the queue on this instance (also resolvable as <see cref="IntegrationJobScheduler"/>).</summary>
    public static IServiceCollection AddIntegrationScheduler(this IServiceCollection services)
    {
        services.TryAddSingleton<IntegrationJobScheduler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, IntegrationJobScheduler>(sp => sp.GetRequiredService<IntegrationJobScheduler>()));
        return services;
    }
}
