using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.EndToEnd.Tests.Integration;

/// <summary>
/// The portal starts without integration table mappings. Tests that need them create BC's defaults once, through one
/// gate, so no test resets a mapping another test is changing at the same time.
/// </summary>
internal static class DefaultMappingsSetup
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
            var existing = await db.IntegrationTableMappings.Select(m => m.Name).ToListAsync(ct);
            var missing = DefaultMappings.Names.Except(existing).ToList();
            if (missing.Count > 0)
            {
                await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(missing, DataverseConnectionSetup.DefaultCompanyId, ct);
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
