using Bunit;
using CouplingPortal.Web.Components.Pages.Customers;
using MudBlazor;
using static CouplingPortal.Web.Tests.CouplingUi.CouplingTestHelpers;

namespace CouplingPortal.Web.Tests.CouplingUi;

/// <summary>The Coupled column and filter of the master-data lists, and the selection's Dataverse actions.</summary>
public sealed class CouplingListTests : CouplingTestContext
{
    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows(IRenderedComponent<CustomerList> list) => list.FindAll("tbody tr.list-row");

    [Fact]
    public async Task CoupledColumn_MarksCoupledCustomers_AndTheCoupledFilterShowsOnlyThemOrOnlyTheOthers()
    {
        await ApplyDefaultMappingsAsync();
        var couplings = await CoupleCustomersAsync(2);
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.True(Rows(list).Count > 2), Patience);
        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll(".coupled-yes").Count), Patience);

        await SelectAsync(list, "filter-Coupled", bool.TrueString);
        list.WaitForAssertion(() => Assert.Equal(2, Rows(list).Count), Patience);
        Assert.Equal(2, list.FindAll(".coupled-yes").Count);

        await SelectAsync(list, "filter-Coupled", bool.FalseString);
        list.WaitForAssertion(() => Assert.Empty(list.FindAll(".coupled-yes")), Patience);
        Assert.NotEmpty(Rows(list));
        Assert.Equal(2, couplings.Count);
    }

    [Fact]
    public async Task DataverseMenu_IsHiddenOnTheList_WithoutAnEnabledConnection()
    {
        await ApplyDefaultMappingsAsync();
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.True(Rows(list).Count > 2), Patience);

        Assert.Empty(list.FindAll("#list-dataverse-menu"));
    }

    [Fact]
    public async Task SynchronizeSelection_Send_SchedulesTheCoupledOne_AndListsWhyTheOtherWasSkipped()
    {
        await StartDataverseAsync();
        await CoupleAsync(await CustomerAsync("10000"), await AccountAsync("Adatum Corporation"));
        var dialogs = Render<MudDialogProvider>();
        var popovers = Popovers;
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("#list-dataverse-menu")), Patience);
        list.WaitForAssertion(() => Assert.True(Rows(list).Count > 2), Patience);
        foreach (var no in new[] { "10000", "20000" })
        {
            var row = Rows(list).First(r => r.TextContent.Contains(no));
            row.QuerySelector("input[type=checkbox]")!.Change(true);
        }
        list.WaitForAssertion(() => Assert.Contains("2", list.Find("#selection-count").TextContent), Patience);

        list.Find("#list-dataverse-menu button").Click();
        popovers.WaitForAssertion(() => Assert.NotNull(MenuItem(popovers, "list-action-send")), Patience);
        // The menu item's handler awaits the question's answer, so it is started, answered, and only then awaited.
        var clicked = popovers.InvokeAsync(() => MenuItem(popovers, "list-action-send")!.OnClick.InvokeAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Yes"), Patience);
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Yes").Click();
        await clicked.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);

        list.WaitForAssertion(() => Assert.Contains("Trey Research is not coupled", list.Find("#coupling-details").TextContent), Patience);
    }
}
