using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Data;

/// <summary>
/// Creates one context per operation (Blazor components and background jobs live longer than a context should).
/// The options are built once; each context is the provider's subclass.
/// </summary>
internal sealed class PortalDbContextFactory(IOptions<DatabaseOptions> databaseOptions, SystemFieldsInterceptor systemFields,
    ILoggerFactory loggerFactory)
    : IDbContextFactory<PortalDbContext>
{
    private readonly Lazy<DbContextOptions<PortalDbContext>> _options = new(() =>
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, databaseOptions.Value);
        builder.AddInterceptors(systemFields);
        builder.UseLoggerFactory(loggerFactory);
        return builder.Options;
    });

    public PortalDbContext CreateDbContext() => PortalDatabase.CreateContext(_options.Value, databaseOptions.Value);
}
