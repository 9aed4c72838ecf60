using Bunit;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Shared.Coupling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using static CouplingPortal.Web.Tests.CouplingUi.CouplingTestHelpers;

namespace CouplingPortal.Web.Tests.CouplingUi;

public sealed class SetUpCouplingDialogTests : CouplingTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Reference)> OpenAsync(string customerNo, string name)
    {
        var customer = await CustomerAsync(customerNo);
        var status = await Services.GetRequiredService<CouplingActions>().GetStatusAsync(LocalTable.Customer, customer.SystemId, Ct);
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<SetUpCouplingDialog>
        {
            { d => d.Table, LocalTable.Customer },
            { d => d.SystemId, customer.SystemId },
            { d => d.RecordName, name },
            { d => d.Status, status },
        };
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<SetUpCouplingDialog>("", parameters));
        dialogs.WaitForElement("#set-up-coupling-dialog", Patience);
        return (dialogs, reference!);
    }

    private static List<string> Choices(IRenderedComponent<MudDialogProvider> dialogs) =>
        [.. dialogs.FindAll(".coupling-choice").Select(e => e.GetAttribute("data-name")!)];

    [Fact]
    public async Task Lookup_ShowsThisCompanysAccounts_HidesCoupledOnes_AndMarksThemWhenShown()
    {
        await StartDataverseAsync();
        await CoupleAsync(await CustomerAsync("20000"), await AccountAsync("Trey Research"));
        var (dialogs, _) = await OpenAsync("10000", "10000 · Adatum Corporation");

        dialogs.WaitForAssertion(() => Assert.Contains("Adatum Corporation", Choices(dialogs)), Patience);
        Assert.DoesNotContain("Trey Research", Choices(dialogs));
        Assert.DoesNotContain("Coho Winery", Choices(dialogs)); // another company's account: outside the integration table filter

        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(false));

        dialogs.WaitForAssertion(() => Assert.Contains("Trey Research", Choices(dialogs)), Patience);
        var trey = dialogs.FindAll(".coupling-choice").Single(e => e.GetAttribute("data-name") == "Trey Research");
        Assert.Equal("true", trey.GetAttribute("data-coupled"));
        Assert.NotNull(trey.QuerySelector(".coupled-marker"));
    }

    [Fact]
    public async Task Search_NarrowsTheLookupToMatchingNames()
    {
        await StartDataverseAsync();
        var (dialogs, _) = await OpenAsync("10000", "10000 · Adatum Corporation");
        dialogs.WaitForAssertion(() => Assert.True(Choices(dialogs).Count > 2), Patience);

        await dialogs.InvokeAsync(() => dialogs.FindComponents<MudTextField<string>>()
            .Single(t => t.Instance.GetState(x => x.InputId) == "coupling-search").Instance.ValueChanged.InvokeAsync("Relecloud"));

        dialogs.WaitForAssertion(() => Assert.Equal(["Relecloud", "Relecloud"], Choices(dialogs)), Patience);
    }

    [Fact]
    public async Task SynchronizeAfterCoupling_DefaultsToThePortalsData_ForABidirectionalMapping_AndCreateNewIsOffered()
    {
        await StartDataverseAsync();
        var (dialogs, _) = await OpenAsync("40000", "40000 · Alpine Ski House");

        Assert.Equal(SynchronizeAfterCoupling.UseLocalData, dialogs.FindComponent<MudSelect<SynchronizeAfterCoupling>>().Instance.GetState(x => x.Value));
        Assert.NotEmpty(dialogs.FindAll("[id='coupling-create-new']"));
    }

    [Fact]
    public async Task FromIntegrationTableMapping_DefaultsToTheDataverseData_AndOffersNoCreateNew()
    {
        await StartDataverseAsync();
        await using (var db = await DbAsync())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Direction, SyncDirection.FromIntegrationTable), Ct);
        }
        var (dialogs, _) = await OpenAsync("40000", "40000 · Alpine Ski House");

        Assert.Equal(SynchronizeAfterCoupling.UseDataverseData, dialogs.FindComponent<MudSelect<SynchronizeAfterCoupling>>().Instance.GetState(x => x.Value));
        Assert.Empty(dialogs.FindAll("[id='coupling-create-new']"));
    }

    [Fact]
    public async Task TickingCreateNew_ClearsTheChosenAccount_AndDisablesTheLookup()
    {
        await StartDataverseAsync();
        var (dialogs, _) = await OpenAsync("40000", "40000 · Alpine Ski House");
        dialogs.WaitForAssertion(() => Assert.Contains("Alpine Ski House", Choices(dialogs)), Patience);
        var list = dialogs.FindComponent<MudList<Guid?>>();
        var alpine = await AccountAsync("Alpine Ski House");
        await dialogs.InvokeAsync(() => list.Instance.SelectedValueChanged.InvokeAsync(alpine));
        Assert.Equal(alpine, dialogs.FindComponent<MudList<Guid?>>().Instance.GetState(x => x.SelectedValue));

        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));

        dialogs.WaitForAssertion(() => Assert.Null(dialogs.FindComponent<MudList<Guid?>>().Instance.GetState(x => x.SelectedValue)));
        Assert.True(dialogs.FindComponent<MudList<Guid?>>().Instance.Disabled);
        Assert.True(dialogs.FindComponents<MudTextField<string>>().Single(t => t.Instance.GetState(x => x.InputId) == "coupling-search").Instance.Disabled);
        Assert.False(dialogs.Find("#coupling-ok").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RefusedCoupling_KeepsTheDialogOpen_WithBCsMessage_AndTheChoice_ThenAnotherChoiceCouples()
    {
        await StartDataverseAsync();
        await CoupleAsync(await CustomerAsync("20000"), await AccountAsync("Trey Research"));
        var (dialogs, reference) = await OpenAsync("10000", "10000 · Adatum Corporation");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(false));
        dialogs.WaitForAssertion(() => Assert.Contains("Trey Research", Choices(dialogs)), Patience);
        var trey = await AccountAsync("Trey Research");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudList<Guid?>>().Instance.SelectedValueChanged.InvokeAsync(trey));

        dialogs.Find("#coupling-ok").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("already coupled", dialogs.Find("#coupling-refusal").TextContent), Patience);
        Assert.NotEmpty(dialogs.FindAll("#set-up-coupling-dialog"));
        Assert.Equal(trey, dialogs.FindComponent<MudList<Guid?>>().Instance.GetState(x => x.SelectedValue));
        Assert.Equal(SynchronizeAfterCoupling.UseLocalData, dialogs.FindComponent<MudSelect<SynchronizeAfterCoupling>>().Instance.GetState(x => x.Value));

        var adatum = await AccountAsync("Adatum Corporation");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudList<Guid?>>().Instance.SelectedValueChanged.InvokeAsync(adatum));
        dialogs.Find("#coupling-ok").Click();

        var result = await reference.Result.WaitAsync(Patience, Ct);
        Assert.True(Assert.IsType<ActionOutcome>(result!.Data).Succeeded);
        await using var db = await DbAsync();
        var customer = await CustomerAsync("10000");
        Assert.Equal(adatum, (await db.Couplings.SingleAsync(c => c.LocalSystemId == customer.SystemId, Ct)).DataverseId);
    }
}
