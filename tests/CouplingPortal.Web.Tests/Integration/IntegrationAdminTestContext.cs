using Bunit;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;
using CouplingPortal.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CouplingPortal.Web.Tests.Integration;

/// <summary>
/// The bUnit base for the coupling administration screens: the real admin service on the test's own SQLite file, with
/// helpers that put mappings, couplings and jobs straight into the database (the engine that writes them normally is
/// not part of these screens).
/// </summary>
public abstract class IntegrationAdminTestContext : PortalComponentTestContext
{
    protected IntegrationAdminTestContext()
    {
        Services.AddScoped<IntegrationAdminService>();
        // The pages' engine actions need a Dataverse client; without a saved setup the connection is disabled.
        Services.AddDataverseConnection(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddScoped<Web.Components.Pages.Dataverse.DataverseUiService>();
    }

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected Task ApplyDefaultMappingsAsync() => Services.GetRequiredService<IntegrationAdminService>().UseDefaultSetupAsync(null, Ct);

    protected async Task<PortalDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);

    protected async Task<IntegrationTableMapping> StoredMappingAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).SingleAsync(m => m.Name == name, Ct);
    }

    /// <summary>Couples the first <paramref name="count"/> customers (by No.) to new account ids and returns the couplings as stored.</summary>
    protected async Task<List<Coupling>> CoupleCustomersAsync(int count, Action<int, Coupling>? arrange = null)
    {
        await using var db = await DbAsync();
        var customers = await db.Customers.OrderBy(c => c.No).Take(count).ToListAsync(Ct);
        var couplings = customers.Select((c, i) =>
        {
            var coupling = new Coupling
            {
                Id = Guid.NewGuid(),
                MappingName = DefaultMappings.Customer,
                LocalTable = LocalTable.Customer,
                LocalSystemId = c.SystemId,
                DataverseTable = "account",
                DataverseId = Guid.NewGuid(),
                CoupledAt = DateTime.UtcNow,
            };
            arrange?.Invoke(i, coupling);
            return coupling;
        }).ToList();
        db.Couplings.AddRange(couplings);
        await db.SaveChangesAsync(Ct);
        return couplings;
    }

    protected async Task AddJobsAsync(params IntegrationSynchJob[] jobs)
    {
        await using var db = await DbAsync();
        db.IntegrationSynchJobs.AddRange(jobs);
        await db.SaveChangesAsync(Ct);
    }

    protected static IntegrationSynchJob Job(string mapping, DateTime queuedAt, IntegrationJobType type = IntegrationJobType.Synchronization,
        SyncDirection direction = SyncDirection.ToIntegrationTable, int inserted = 0, int modified = 0, int failed = 0, string? message = null) => new()
        {
            Id = Guid.NewGuid(),
            MappingName = mapping,
            Type = type,
            Direction = direction,
            Status = IntegrationJobStatus.Finished,
            QueuedAt = queuedAt,
            StartedAt = queuedAt.AddSeconds(1),
            FinishedAt = queuedAt.AddSeconds(4),
            Inserted = inserted,
            Modified = modified,
            Failed = failed,
            Message = message,
            RequestedBy = "scheduler",
        };

    /// <summary>Chooses a value in a MudSelect by the id it was given (MudSelect's list lives in the popover provider).</summary>
    protected static async Task SelectAsync<TComponent, T>(IRenderedComponent<TComponent> cut, string id, T value) where TComponent : class, IComponent
    {
        var select = FindSelect<TComponent, T>(cut, id);
        await cut.InvokeAsync(() => select.Instance.SelectOption(value));
    }

    protected static IRenderedComponent<MudSelect<T>> FindSelect<TComponent, T>(IRenderedComponent<TComponent> cut, string id) where TComponent : class, IComponent =>
        ((IRenderedComponent<IComponent>)cut).FindComponents<MudSelect<T>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("id"), id));
}
