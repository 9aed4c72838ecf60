using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Querying;
using CouplingPortal.DataverseEmulator;
using CouplingPortal.Web.Tests.Integration;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Dataverse;

/// <summary>
/// The bUnit base for the Dataverse-side screens: the admin context (real database) plus a real Dataverse emulator on a
/// loopback port with its demo data, the connection pointed at it and enabled, and the default mappings. The queue's
/// scheduler does not run here: actions only enqueue, and tests publish job events themselves.
/// </summary>
public abstract class DataverseUiTestContext : IntegrationAdminTestContext, IAsyncLifetime
{
    private const string Token = "ui-dataverse-bunit-token";

    protected RunningDataverseEmulator Emulator { get; private set; } = null!;

    public new async ValueTask InitializeAsync()
    {
        Emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", AccessToken = Token, SeedDemoData = true }, ct: Ct);
        await base.InitializeAsync();
        Services.GetRequiredService<DataverseEndpoint>().UseEnvironment(Emulator.EnvironmentUrl, Token);
        Services.GetRequiredService<EmbeddedDataverseEnvironment>().Started(Emulator.EnvironmentUrl, Token);
        await Services.GetRequiredService<DataverseConnectionService>().UseEmbeddedEmulatorAsync(Emulator.EnvironmentUrl, Ct);
        await ApplyDefaultMappingsAsync();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Emulator.DisposeAsync();
    }

    protected IDataverseClient Client => Services.GetRequiredService<IDataverseClient>();

    protected async Task<Guid> RowIdAsync(DataverseTable table, string nameColumn, string name)
    {
        var rows = await Client.QueryAsync(DataverseQuery.From(table).Select(nameColumn).Where(Filter.Eq(nameColumn, name)), ct: Ct).ToListAsync(Ct);
        return rows.First().GetId(table);
    }

    protected Task<Guid> AccountIdAsync(string name) => RowIdAsync(DataverseTable.Accounts, "name", name);

    protected async Task<Guid> CustomerSystemIdAsync(string no)
    {
        await using var db = await DbAsync();
        return await db.Customers.Where(c => c.No == no).Select(c => c.SystemId).SingleAsync(Ct);
    }

    /// <summary>Couples a customer to an account the way Set Up Coupling does (no synchronization afterwards).</summary>
    protected async Task CoupleCustomerAsync(string no, string accountName)
    {
        var outcome = await Services.GetRequiredService<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, await CustomerSystemIdAsync(no),
            await AccountIdAsync(accountName), false, SynchronizeAfterCoupling.No, "test", Ct);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    protected async Task<List<IntegrationJobRequest>> QueuedAsync()
    {
        await using var db = await DbAsync();
        return await db.IntegrationJobRequests.AsNoTracking().Where(r => !r.Recurring).ToListAsync(Ct);
    }

    /// <summary>The texts of the snackbars shown so far.</summary>
    protected IReadOnlyList<string> Snackbars() =>
        [.. Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "")];

    /// <summary>Clicks a button of the open dialog (message box or dialog) by its caption.</summary>
    protected static void ClickDialogButton(Bunit.IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string caption)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == caption));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == caption).Click();
    }

    /// <summary>Publishes a job event as the queue does when an entry ends.</summary>
    protected void Publish(Guid requestId, string mapping, IntegrationJobRequestStatus status, string? message = null) =>
        Services.GetRequiredService<IntegrationJobEvents>().Publish(new IntegrationJobEvent(requestId, mapping, IntegrationJobKind.Synchronization, status,
            new JobProgress(1, 1), message));
}
