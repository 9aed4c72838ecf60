using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The portal database (the "Database" section, validated at start), the system-field stamping, the master-data
    /// services and the demo data. PortalDbContext resolves per scope; IDbContextFactory&lt;PortalDbContext&gt; gives one
    /// context per operation for components and background work.
    /// </summary>
    public static IServiceCollection AddCouplingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SystemStampClock>();
        services.TryAddSingleton<SystemFieldsInterceptor>();
        services.TryAddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory>();
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        services.TryAddSingleton<CustomerService>();
        services.TryAddSingleton<VendorService>();
        services.TryAddSingleton<ContactService>();
        services.TryAddSingleton<ItemService>();
        services.TryAddSingleton<ResourceService>();
        services.TryAddSingleton<SetupLookupService>();

        services.AddOptions<IntegrationLogOptions>()
            .Bind(configuration.GetSection(IntegrationLogOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<DefaultSynchronizationSetup>();
        services.TryAddSingleton<IntegrationLogCleanup>();
        services.AddIntegrationJobs(configuration);
        services.AddSynchronizationEngine();
        services.AddCouplingEngines(configuration);

        services.AddCouplingActions();
        services.TryAddSingleton<Integration.BulkCoupling.DataverseImportWorkbook>();

        services.TryAddSingleton<DemoDataSeeder>();
        services.TryAddSingleton<DemoDataGenerator>();
        return services;
    }

    /// <summary>Applies the provider's migrations and seeds the demo company when the database is empty.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CoreServiceCollectionExtensions));
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} {Provider} migrations: {Migrations}", pending.Count, options.ParsedProvider, pending);
                await db.Database.MigrateAsync(ct);
            }
        }

        await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(ct);
    }
}
