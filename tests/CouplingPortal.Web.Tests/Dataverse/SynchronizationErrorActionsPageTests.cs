using Bunit;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CouplingPortal.Web.Tests.Dataverse;

/// <summary>The selection actions and drill-downs of Coupled Data Synchronization Errors (bc-coupling.md §4.4).</summary>
public sealed class SynchronizationErrorActionsPageTests : DataverseUiTestContext
{
    /// <summary>Adatum coupled to its account, its last synchronization failed and skipped.</summary>
    private async Task FailedAdatumAsync()
    {
        await CoupleCustomerAsync("10000", "Adatum Corporation");
        await using var db = await DbAsync();
        await db.Couplings.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.LastResultToDataverse, SyncResult.Failure)
            .SetProperty(c => c.LastErrorToDataverse, "Dataverse answered 503 Service Unavailable.")
            .SetProperty(c => c.Skipped, true), Ct);
    }

    private IRenderedComponent<CoupledDataSynchronizationErrorsPage> RenderPage(bool selectFirst = true)
    {
        var cut = Render<CoupledDataSynchronizationErrorsPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.sync-error")));
        if (selectFirst)
        {
            cut.Find("tr.sync-error input[type=checkbox]").Change(true);
            cut.WaitForAssertion(() => Assert.False(cut.Find("#action-retry").HasAttribute("disabled")));
        }
        return cut;
    }

    [Fact]
    public async Task SelectionActions_AreDisabled_UntilALineIsSelected()
    {
        await FailedAdatumAsync();

        var cut = RenderPage(selectFirst: false);

        foreach (var id in new[] { "#action-retry", "#action-synchronize", "#action-set-up-coupling", "#action-remove-coupling", "#action-restore-records", "#action-delete-records" })
            Assert.True(cut.Find(id).HasAttribute("disabled"), id);
        Assert.False(cut.Find("#action-retry-all").HasAttribute("disabled"));
        Assert.False(cut.Find("#action-find-for-deleted").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Retry_ClearsSkippedAndSchedulesTheSynchronization_AndTheLineGoesWhenTheJobEnds()
    {
        await FailedAdatumAsync();
        var cut = RenderPage();

        cut.Find("#action-retry").Click();

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.Contains("The synchronization has been scheduled.")));
        var entry = Assert.Single(await QueuedAsync());
        await using (var db = await DbAsync())
        {
            Assert.False((await db.Couplings.SingleAsync(Ct)).Skipped);
            // What a successful run leaves behind; then its end is pushed to the page.
            await db.Couplings.ExecuteUpdateAsync(s => s.SetProperty(c => c.LastResultToDataverse, SyncResult.Success), Ct);
        }
        Publish(entry.Id, entry.MappingName, IntegrationJobRequestStatus.Finished);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("tr.sync-error")));
    }

    [Fact]
    public async Task DeleteRecords_AsksFirst_AndNoKeepsEverything()
    {
        await FailedAdatumAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage();

        cut.Find("#action-delete-records").Click();
        ClickDialogButton(dialogs, "No");

        Assert.Empty(Snackbars());
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Couplings.CountAsync(Ct));
        Assert.True(await db.Customers.AnyAsync(c => c.No == "10000", Ct));
    }

    [Fact]
    public async Task RemoveCoupling_UncouplesTheSelectedRecord()
    {
        await FailedAdatumAsync();
        var cut = RenderPage();

        cut.Find("#action-remove-coupling").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(Snackbars()));
        var queued = await QueuedAsync();
        await using var db = await DbAsync();
        Assert.True(queued.Any(q => q.Kind == IntegrationJobKind.Uncoupling) || !await db.Couplings.AnyAsync(Ct));
    }

    [Fact]
    public async Task BothRecordsDrillDown_ThePortalCardAndTheDataverseRecordPage()
    {
        await FailedAdatumAsync();
        var account = await AccountIdAsync("Adatum Corporation");
        var cut = RenderPage(selectFirst: false);

        Assert.Equal(Emulator.RecordPageUrl("account", account).AbsoluteUri, cut.Find("a.dataverse-record-link").GetAttribute("href"));
        cut.Find("a.local-record-link").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.True(SpinWait.SpinUntil(() => new Uri(navigation.Uri).AbsolutePath == "/customers/10000", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SetUpCoupling_OpensTheRecordsCard()
    {
        await FailedAdatumAsync();
        var cut = RenderPage();

        cut.Find("#action-set-up-coupling").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.True(SpinWait.SpinUntil(() => new Uri(navigation.Uri).AbsolutePath == "/customers/10000", TimeSpan.FromSeconds(10)));
    }
}
