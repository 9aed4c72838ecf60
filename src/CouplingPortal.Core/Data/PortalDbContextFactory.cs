using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Data;

/// <summary>
/// Creates one context per operation (Blazor components and background jobs live longer than a context should).
/// The options are built once; each context is the provider's subclass.
/// </summary>
internal sealed class PortalDbContextFactory(IOptions<DatabaseOptions> databaseOptions, SystemFieldsInterceptor systemFields,
    IEnumerable<IInterceptor> featureInterceptors, ILoggerFactory loggerFactory)
    : IDbContextFactory<PortalDbContext>
{
    private readonly Lazy<DbContextOptions<PortalDbContext>> _options = new(() =>
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, databaseOptions.Value);
        builder.AddInterceptors(systemFields);
        // Features' interceptors (registered as IInterceptor) see records already stamped.
        builder.AddInterceptors(featureInterceptors);
        builder.UseLoggerFactory(loggerFactory);
        return builder.Options;
    });

    public PortalDbContext CreateDbContext() => PortalDatabase.CreateContext(_options.Value, databaseOptions.Value);
}
