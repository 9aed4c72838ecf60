using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.DefaultSetup;

/// <summary>What "Use Default Synchronization Setup" did.</summary>
/// <param name="Created">Default mappings that did not exist and were created.</param>
/// <param name="Reset">Existing mappings whose settings, filters and field mappings were put back to the defaults.</param>
public sealed record DefaultSetupResult(IReadOnlyList<string> Created, IReadOnlyList<string> Reset);

/// <summary>
/// BC's "Use Default Synchronization Setup": creates the default mappings (<see cref="DefaultMappings"/>) or puts the
/// selected ones back to their defaults. Idempotent. Couplings, option couplings and jobs are kept (the mapping row is
/// updated in place); user-defined mappings and unselected defaults are not touched.
/// </summary>
public sealed class DefaultSynchronizationSetup(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Resets the named default mappings, or all of them when <paramref name="mappingNames"/> is null, for the ERP company
    /// whose Dataverse id (bcbi_company) is <paramref name="companyId"/>. Like BC, a reset also clears the mapping's
    /// watermarks, so the next run re-reads what the restored filters now include. Throws <see cref="ArgumentException"/>
    /// for a name that is not a default mapping.
    /// </summary>
    public async Task<DefaultSetupResult> ApplyAsync(IReadOnlyCollection<string>? mappingNames, Guid companyId, CancellationToken ct)
    {
        var defaults = DefaultMappings.Create(companyId);
        var selected = mappingNames is null
            ? defaults
            : [.. defaults.Where(d => mappingNames.Contains(d.Name, StringComparer.OrdinalIgnoreCase))];
        var unknown = mappingNames?.Where(n => !defaults.Any(d => string.Equals(d.Name, n, StringComparison.OrdinalIgnoreCase))).ToList() ?? [];
        if (unknown.Count > 0)
            throw new ArgumentException(string.Join(" ", unknown.Select(n => IntegrationText.Message("UnknownDefaultMapping", n))), nameof(mappingNames));

        var now = clock.GetUtcNow().UtcDateTime;
        var names = selected.Select(d => d.Name).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.IntegrationTableMappings.Include(m => m.FieldMappings)
            .Where(m => names.Contains(m.Name)).ToDictionaryAsync(m => m.Name, ct);

        List<string> created = [], reset = [];
        foreach (var definition in selected)
        {
            definition.DefaultsAppliedAt = now;
            if (existing.TryGetValue(definition.Name, out var mapping))
            {
                db.IntegrationFieldMappings.RemoveRange(mapping.FieldMappings);
                var fields = definition.FieldMappings;
                definition.FieldMappings = [];
                db.Entry(mapping).CurrentValues.SetValues(definition);
                mapping.TableFilter = definition.TableFilter;
                mapping.IntegrationTableFilter = definition.IntegrationTableFilter;
                mapping.Dependencies = definition.Dependencies;
                mapping.FieldMappings = fields;
                reset.Add(definition.Name);
            }
            else
            {
                db.IntegrationTableMappings.Add(definition);
                created.Add(definition.Name);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DefaultSetupResult(created, reset);
    }

    /// <summary>
    /// As Business Central does when the connection is first enabled: creates the default mappings for
    /// <paramref name="companyId"/> when there are no mappings at all. True when it created them.
    /// </summary>
    public async Task<bool> EnsureCreatedAsync(Guid companyId, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.IntegrationTableMappings.AnyAsync(ct))
                return false;
        }
        await ApplyAsync(null, companyId, ct);
        return true;
    }
}
