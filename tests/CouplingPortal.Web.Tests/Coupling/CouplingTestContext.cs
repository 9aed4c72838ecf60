using System.Text.Json.Nodes;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.CouplingUi;

/// <summary>
/// The bUnit base for the coupling components: the real Core actions and the guarded Dataverse client; a test that
/// needs Dataverse starts the emulator (memory store, demo rows) on a loopback port and points the connection at it,
/// as the embedded host does. Without it the connection stays disabled.
/// </summary>
public abstract class CouplingTestContext : IntegrationAdminTestContext
{
    private const string Token = "coupling-ui-test-token";
    private RunningDataverseEmulator? emulator;

    protected IDataverseClient Client => Services.GetRequiredService<IDataverseClient>();

    /// <summary>Starts the emulator with its demo rows, enables the connection to it and applies the default mappings.</summary>
    protected async Task StartDataverseAsync()
    {
        emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token, SeedDemoData = true }, ct: Ct);
        Services.GetRequiredService<DataverseEndpoint>().UseEnvironment(emulator.EnvironmentUrl, Token);
        Services.GetRequiredService<EmbeddedDataverseEnvironment>().Started(emulator.EnvironmentUrl, Token);
        await Services.GetRequiredService<DataverseConnectionService>().UseEmbeddedEmulatorAsync(emulator.EnvironmentUrl, Ct);
        await Services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, DataverseConnectionSetup.DefaultCompanyId, Ct);
    }

    protected async Task<Guid> AccountAsync(string name)
    {
        var rows = await Client.QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("accountid").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        return Assert.Single(rows).GetId(DataverseTable.Accounts);
    }

    protected async Task<Customer> CustomerAsync(string no)
    {
        await using var db = await DbAsync();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.No == no, Ct);
    }

    /// <summary>Stores a coupling as the engine would after Set Up Coupling.</summary>
    protected async Task CoupleAsync(Customer customer, Guid accountId)
    {
        await using var db = await DbAsync();
        db.Couplings.Add(new Coupling
        {
            Id = Guid.NewGuid(),
            MappingName = DefaultMappings.Customer,
            LocalTable = LocalTable.Customer,
            LocalSystemId = customer.SystemId,
            DataverseTable = "account",
            DataverseId = accountId,
            CoupledAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (emulator is not null)
            await emulator.DisposeAsync();
    }
}
