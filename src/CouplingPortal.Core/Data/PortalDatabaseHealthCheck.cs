using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CouplingPortal.Core.Data;

/// <summary>Healthy when the portal database answers a query.</summary>
public sealed class PortalDatabaseHealthCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // SQLite: a pooled connection keeps reading a file that was deleted under it (the inode lives on while open),
            // so the file itself must still be there.
            if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource is { Length: > 0 } file && !File.Exists(file))
                return HealthCheckResult.Unhealthy("The portal database file is missing.");
            // A real query, not CanConnect: for SQLite that only checks that the file exists.
            _ = await db.Currencies.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("The portal database is reachable.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The portal database cannot be reached.", ex);
        }
    }
}
