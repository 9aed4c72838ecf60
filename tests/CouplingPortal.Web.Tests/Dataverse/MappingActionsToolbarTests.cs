using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CouplingPortal.Web.Tests.Dataverse;

/// <summary>The engine actions on the Integration Table Mappings toolbar and the full synchronization review page.</summary>
public sealed class MappingActionsToolbarTests : DataverseUiTestContext
{
    private IRenderedComponent<IntegrationTableMappingsPage> RenderPage()
    {
        var cut = Render<IntegrationTableMappingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(DefaultMappings.Names.Count, cut.FindAll("tr.list-row").Count));
        return cut;
    }

    private static void Select(IRenderedComponent<IntegrationTableMappingsPage> cut, string mapping)
    {
        cut.FindAll("tr.list-row").Single(r => r.QuerySelector(".mapping-name")!.TextContent == mapping).QuerySelector("input[type=checkbox]")!.Change(true);
    }

    [Fact]
    public void RunFullSynchronization_AndDeleteCouplings_NeedASelection()
    {
        var cut = RenderPage();

        Assert.True(cut.Find("#action-run-full-synchronization").HasAttribute("disabled"));
        Assert.True(cut.Find("#action-delete-couplings").HasAttribute("disabled"));
        Assert.False(cut.Find("#action-synchronize-modified").HasAttribute("disabled"));
        Select(cut, DefaultMappings.Customer);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#action-run-full-synchronization").HasAttribute("disabled")));
        Select(cut, DefaultMappings.Vendor);
        cut.WaitForAssertion(() => Assert.True(cut.Find("#action-run-full-synchronization").HasAttribute("disabled")));
        Assert.False(cut.Find("#action-delete-couplings").HasAttribute("disabled"));
    }

    [Fact]
    public async Task DeleteCouplings_DoesNothingWithoutConfirmation_AndSchedulesTheUncouplingAfterIt_ThenRefreshesWhenTheJobEnds()
    {
        await CoupleCustomerAsync("10000", "Adatum Corporation");
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage();
        Assert.Equal("1", CustomerRow(cut).QuerySelector(".mapping-couplings")!.TextContent.Trim());
        Select(cut, DefaultMappings.Customer);

        cut.Find("#action-delete-couplings").Click();
        ClickDialogButton(dialogs, "No");
        Assert.Empty(await QueuedAsync());

        cut.Find("#action-delete-couplings").Click();
        ClickDialogButton(dialogs, "Yes");
        cut.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.Contains("Uncoupling is scheduled for 1 mappings")));
        var entry = Assert.Single(await QueuedAsync());
        Assert.Equal(IntegrationJobKind.Uncoupling, entry.Kind);
        cut.WaitForElement("#job-progress");

        // What the uncoupling job does, then its end pushed to the page: the counts refresh without a click.
        await using (var db = await DbAsync())
            await db.Couplings.ExecuteDeleteAsync(Ct);
        Publish(entry.Id, entry.MappingName, IntegrationJobRequestStatus.Finished);
        cut.WaitForAssertion(() => Assert.Equal("0", CustomerRow(cut).QuerySelector(".mapping-couplings")!.TextContent.Trim()));
        Assert.Empty(cut.FindAll("#job-progress"));
    }

    [Fact]
    public async Task SynchronizeModifiedRecords_SchedulesTheSelectedMapping()
    {
        var cut = RenderPage();
        Select(cut, DefaultMappings.Customer);

        cut.Find("#action-synchronize-modified").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(Snackbars()));
        var entry = Assert.Single(await QueuedAsync());
        Assert.Equal(DefaultMappings.Customer, entry.MappingName);
    }

    [Fact]
    public async Task AJobEndPushedFromTheQueuesThread_RefreshesThePage_InTheUsersLanguage()
    {
        UseCulture("nl-NL");
        var cut = RenderPage();
        Select(cut, DefaultMappings.Customer);
        cut.Find("#action-synchronize-modified").Click();
        cut.WaitForElement("#job-progress");
        var entry = Assert.Single(await QueuedAsync());

        // The queue publishes on its own thread, in the server's culture.
        await Task.Run(() =>
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
            Publish(entry.Id, entry.MappingName, IntegrationJobRequestStatus.Finished);
        }, Ct);

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#job-progress")));
        Assert.Equal("Integratietabeltoewijzingen", cut.Find("#page-title").TextContent);
        Assert.Equal("Gewijzigde records synchroniseren", cut.Find("#action-synchronize-modified").TextContent.Trim());
    }

    [Fact]
    public async Task RunFullSynchronization_AsksFirst_ThenSchedulesTheMapping()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage();
        Select(cut, DefaultMappings.Vendor);

        cut.Find("#action-run-full-synchronization").Click();
        ClickDialogButton(dialogs, "Yes");

        cut.WaitForAssertion(() => Assert.Equal(DefaultMappings.Vendor, Assert.Single(QueuedAsync().GetAwaiter().GetResult()).MappingName));
    }

    [Fact]
    public async Task TheReviewPage_ShowsEachMappingsRecommendation_AndStartShowsTheStatusPerLine()
    {
        var cut = Render<FullSynchronizationReviewPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("tr.review-line")));
        var customer = cut.FindAll("tr.review-line").Single(r => r.QuerySelector(".review-name")!.TextContent == DefaultMappings.Customer);
        // Both sides hold customers and none are coupled yet: BC recommends coupling them first.
        Assert.Equal("CoupleRecords", customer.QuerySelector("[data-recommendation]")!.GetAttribute("data-recommendation"));

        cut.Find("#action-start").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(Snackbars()));
        var entries = await QueuedAsync();
        Assert.NotEmpty(entries);
        Assert.True(cut.Find("#action-start").HasAttribute("disabled"));
        var customerEntry = entries.Single(e => e.MappingName == DefaultMappings.Customer);
        Publish(customerEntry.Id, DefaultMappings.Customer, IntegrationJobRequestStatus.Finished);
        cut.WaitForAssertion(() => Assert.Equal("Finished",
            cut.FindAll("tr.review-line").Single(r => r.QuerySelector(".review-name")!.TextContent == DefaultMappings.Customer)
                .QuerySelector(".review-status [data-status]")?.GetAttribute("data-status")));
    }

    private static AngleSharp.Dom.IElement CustomerRow(IRenderedComponent<IntegrationTableMappingsPage> cut) =>
        cut.FindAll("tr.list-row").Single(r => r.QuerySelector(".mapping-name")!.TextContent == DefaultMappings.Customer);
}
