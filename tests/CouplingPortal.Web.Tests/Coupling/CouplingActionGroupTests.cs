using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Shared.Coupling;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static CouplingPortal.Web.Tests.CouplingUi.CouplingTestHelpers;

namespace CouplingPortal.Web.Tests.CouplingUi;

/// <summary>The hidden / disabled / enabled rules of the card's Dataverse actions, and the coupling state line.</summary>
public sealed class CouplingActionGroupTests : CouplingTestContext
{
    private IRenderedComponent<CouplingActionGroup> RenderGroup(Guid systemId, string name) =>
        Render<CouplingActionGroup>(p => p
            .Add(c => c.Table, LocalTable.Customer)
            .Add(c => c.SystemId, systemId)
            .Add(c => c.RecordName, name));

    private IRenderedComponent<MudPopoverProvider> OpenMenu(IRenderedComponent<CouplingActionGroup> cut)
    {
        var popovers = Popovers;
        cut.Find("#dataverse-menu button").Click();
        popovers.WaitForAssertion(() => Assert.NotNull(MenuItem(popovers, "action-set-up-coupling")), Patience);
        return popovers;
    }

    [Fact]
    public async Task DataverseActions_AreHidden_WhenNoConnectionIsEnabled()
    {
        await ApplyDefaultMappingsAsync();
        var customer = await CustomerAsync("10000");

        var cut = RenderGroup(customer.SystemId, "10000 · Adatum Corporation");
        await cut.InvokeAsync(() => cut.Instance.LoadAsync());

        Assert.Empty(cut.FindAll("#coupling-panel"));
        Assert.Empty(cut.FindAll("#dataverse-menu"));
    }

    [Fact]
    public async Task UncoupledRecord_OffersSetUpCouplingAndCreateInDataverse_ButNotSynchronizeNowOrDeleteCoupling()
    {
        await StartDataverseAsync();
        var customer = await CustomerAsync("40000");

        var cut = RenderGroup(customer.SystemId, "40000 · Alpine Ski House");
        cut.WaitForElement("#coupling-state", Patience);
        Assert.Equal("false", cut.Find("#coupling-state").GetAttribute("data-coupled"));
        Assert.Contains("Not coupled", cut.Find("#coupling-state").TextContent);
        var popovers = OpenMenu(cut);

        Assert.False(MenuItem(popovers, "action-set-up-coupling")!.Disabled);
        Assert.NotNull(MenuItem(popovers, "action-create-in-dataverse"));
        Assert.Null(MenuItem(popovers, "action-synchronize-now"));
        Assert.Null(MenuItem(popovers, "action-delete-coupling"));
        Assert.Null(MenuItem(popovers, "action-synchronization-log"));
    }

    [Fact]
    public async Task CoupledRecord_ShowsWhatItIsCoupledTo_AndOffersSynchronizeNowDeleteCouplingLogAndTheDataverseLink()
    {
        await StartDataverseAsync();
        var customer = await CustomerAsync("20000");
        var account = await AccountAsync("Trey Research");
        await CoupleAsync(customer, account);

        var cut = RenderGroup(customer.SystemId, "20000 · Trey Research");
        cut.WaitForAssertion(() => Assert.Contains("Coupled to account Trey Research", cut.Find("#coupling-state").TextContent), Patience);
        Assert.Contains("not synchronized yet", cut.Find("#coupling-state").TextContent);
        var popovers = OpenMenu(cut);

        Assert.False(MenuItem(popovers, "action-synchronize-now")!.Disabled);
        Assert.False(MenuItem(popovers, "action-delete-coupling")!.Disabled);
        Assert.NotNull(MenuItem(popovers, "action-synchronization-log"));
        Assert.Null(MenuItem(popovers, "action-create-in-dataverse"));
        var link = MenuItem(popovers, "action-open-in-dataverse")!;
        Assert.EndsWith($"/main.aspx?etn=account&pagetype=entityrecord&id={account}", link.Href);
        Assert.Equal("_blank", link.Target);
    }

    [Fact]
    public async Task RecordOutsideTheTableFilter_SeesTheActionsDisabled_AndWhy()
    {
        await StartDataverseAsync();
        await using (var db = await DbAsync())
        {
            var mapping = await db.IntegrationTableMappings.SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
            mapping.TableFilter = new RecordFilter(new FilterCondition("No", CouplingPortal.Core.Integration.Filters.FilterOperator.Equal, "10000"));
            await db.SaveChangesAsync(Ct);
        }
        var customer = await CustomerAsync("20000");

        var cut = RenderGroup(customer.SystemId, "20000 · Trey Research");
        cut.WaitForElement("#coupling-outside-filter", Patience);
        var popovers = OpenMenu(cut);

        Assert.True(MenuItem(popovers, "action-set-up-coupling")!.Disabled);
        Assert.Null(MenuItem(popovers, "action-create-in-dataverse"));
    }

    [Fact]
    public async Task SkippedRecordWithAFailedSynchronization_ShowsTheErrorAndTheSkippedNotice()
    {
        await StartDataverseAsync();
        var customer = await CustomerAsync("20000");
        await CoupleAsync(customer, await AccountAsync("Trey Research"));
        await using (var db = await DbAsync())
        {
            var coupling = await db.Couplings.SingleAsync(c => c.LocalSystemId == customer.SystemId, Ct);
            coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "The phone number is too long.", transient: false);
            coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "The phone number is too long.", transient: false);
            await db.SaveChangesAsync(Ct);
        }

        var cut = RenderGroup(customer.SystemId, "20000 · Trey Research");

        cut.WaitForAssertion(() => Assert.Contains("The phone number is too long.", cut.Find("#coupling-last-error").TextContent), Patience);
        Assert.Equal("/coupled-data-synchronization-errors", cut.Find("#coupling-skipped-link").GetAttribute("href"));
    }
}
