using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Dataverse;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CouplingPortal.Web.Tests.Dataverse;

public sealed class DataverseListPageTests : DataverseUiTestContext
{
    private IRenderedComponent<DataverseListPage> RenderList(string kind)
    {
        var cut = Render<DataverseListPage>(p => p.Add(c => c.Kind, kind));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr.dv-row")));
        return cut;
    }

    private static IReadOnlyList<string> Names<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent =>
        [.. cut.FindAll("tr.dv-row td.dv-name").Select(td => td.TextContent.Trim())];

    private static void ClickRow<T>(IRenderedComponent<T> cut, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.FindAll("tr.dv-row").First(r => r.QuerySelector("td.dv-name")!.TextContent.Trim() == name).QuerySelector("td.dv-name")!.Click();

    [Fact]
    public async Task Accounts_ShowTheCustomerMappingsRows_WithACoupledMarkerThatOpensTheCard_AndHideCoupledLeavesThemOut()
    {
        await CoupleCustomerAsync("10000", "Adatum Corporation");

        var cut = RenderList("accounts");

        Assert.Contains("Contoso Pharmaceuticals", Names(cut));
        Assert.DoesNotContain("Fabrikam Inc.", Names(cut));
        // Another company's account is outside the integration table filter.
        Assert.DoesNotContain("Coho Winery", Names(cut));
        var adatum = cut.FindAll("tr.dv-row").Single(r => r.TextContent.Contains("Adatum Corporation"));
        Assert.Equal("/customers/10000", adatum.QuerySelector("a.coupled-link")!.GetAttribute("href"));
        Assert.NotNull(cut.FindAll("tr.dv-row").First(r => r.TextContent.Contains("Contoso")).QuerySelector(".uncoupled-marker"));

        await cut.InvokeAsync(() => cut.FindComponents<MudSwitch<bool>>().Single().Instance.ValueChanged.InvokeAsync(true));

        cut.WaitForAssertion(() => Assert.DoesNotContain("Adatum Corporation", Names(cut)));
        Assert.Contains("Contoso Pharmaceuticals", Names(cut));
    }

    [Fact]
    public void TheVendorMapping_ShowsVendorAccounts()
    {
        var cut = RenderList("accounts");

        cut.Find("#mapping-VENDOR").Click();

        cut.WaitForAssertion(() => Assert.Contains("Fabrikam Inc.", Names(cut)));
        Assert.DoesNotContain("Contoso Pharmaceuticals", Names(cut));
    }

    [Fact]
    public async Task CreateInThePortal_SchedulesTheImport_AndTheListRefreshesWhenTheJobEnds()
    {
        var cut = RenderList("accounts");
        Assert.True(cut.Find("#action-create-in-portal").HasAttribute("disabled"));
        Assert.True(cut.Find("#action-couple").HasAttribute("disabled"));

        ClickRow(cut, "Contoso Pharmaceuticals");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#action-create-in-portal").HasAttribute("disabled")));
        cut.Find("#action-create-in-portal").Click();

        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.StartsWith("Creating the records here has been scheduled for 1 of 1")));
        var entry = Assert.Single(await QueuedAsync());
        Assert.Equal(DefaultMappings.Customer, entry.MappingName);
        cut.WaitForElement("#job-progress");

        // The job's end is pushed to the page, which reloads and drops its progress bar.
        Publish(entry.Id, entry.MappingName, IntegrationJobRequestStatus.Finished);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#job-progress")));
    }

    [Fact]
    public async Task Couple_ChoosesThePortalRecordInADialog_AndCouplesIt()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderList("accounts");
        ClickRow(cut, "Trey Research");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#action-couple").HasAttribute("disabled")));

        cut.Find("#action-couple").Click();

        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll(".couple-choice")));
        Assert.Equal("20000", Assert.Single(dialogs.FindAll(".couple-choice")).GetAttribute("data-no"));
        dialogs.Find(".couple-choice").Click();
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("#couple-ok").HasAttribute("disabled")));
        dialogs.Find("#couple-ok").Click();

        var trey = await CustomerSystemIdAsync("20000");
        var account = await AccountIdAsync("Trey Research");
        await using var db = await DbAsync();
        cut.WaitForAssertion(() => Assert.Equal(account, db.Couplings.AsNoTracking().Single(c => c.LocalTable == LocalTable.Customer && c.LocalSystemId == trey).DataverseId));
        cut.WaitForAssertion(() => Assert.Equal("/customers/20000",
            cut.FindAll("tr.dv-row").Single(r => r.TextContent.Contains("Trey Research")).QuerySelector("a.coupled-link")?.GetAttribute("href")));
    }

    [Fact]
    public void Products_ShowItemProducts_AndTheResourceMappingShowsServices()
    {
        var cut = RenderList("products");
        Assert.Contains("ATHENS Desk", Names(cut));
        Assert.DoesNotContain("Katherine Hull", Names(cut));

        cut.Find("#mapping-RESOURCE-PRODUCT").Click();

        cut.WaitForAssertion(() => Assert.Contains("Katherine Hull", Names(cut)));
    }

    [Fact]
    public void AnUnknownList_SaysThePageDoesNotExist()
    {
        var cut = Render<DataverseListPage>(p => p.Add(c => c.Kind, "salesorders"));

        Assert.NotNull(cut.Find("#unknown-list"));
    }
}
