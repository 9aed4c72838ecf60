using Bunit;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class IntegrationTableMappingsPageTests : IntegrationAdminTestContext
{
    [Fact]
    public async Task List_ShowsEachMappingWithItsCouplingErrorAndSkippedCounts()
    {
        await ApplyDefaultMappingsAsync();
        await CoupleCustomersAsync(5, (i, c) =>
        {
            if (i == 0) c.LastResultToDataverse = SyncResult.Failure;
            if (i == 1) (c.LastResultFromDataverse, c.Skipped) = (SyncResult.Failure, true);
            if (i == 2) c.LastResultToDataverse = SyncResult.Success;
        });

        var cut = Render<IntegrationTableMappingsPage>();

        cut.WaitForAssertion(() => Assert.Equal(DefaultMappings.Names.Count, cut.FindAll("tr.list-row").Count));
        var customer = cut.FindAll("tr.list-row").Single(r => r.QuerySelector(".mapping-name")!.TextContent == DefaultMappings.Customer);
        Assert.Equal("5", customer.QuerySelector(".mapping-couplings")!.TextContent.Trim());
        Assert.Equal("2", customer.QuerySelector(".mapping-errors")!.TextContent.Trim());
        Assert.Equal("1", customer.QuerySelector(".mapping-skipped")!.TextContent.Trim());
        Assert.Equal("Bidirectional", customer.QuerySelector(".mapping-direction")!.TextContent.Trim());
        Assert.Contains("customertypecode", customer.TextContent);
        var vendor = cut.FindAll("tr.list-row").Single(r => r.QuerySelector(".mapping-name")!.TextContent == DefaultMappings.Vendor);
        Assert.Equal("0", vendor.QuerySelector(".mapping-couplings")!.TextContent.Trim());
    }

    [Fact]
    public async Task Counts_ComeFromOneGroupedQuery_WhateverTheNumberOfMappings()
    {
        await ApplyDefaultMappingsAsync();
        await CoupleCustomersAsync(3, (i, c) => c.LastResultToDataverse = SyncResult.Failure);
        var admin = Services.GetRequiredService<IntegrationAdminService>();

        var rows = await admin.ListMappingsAsync(Ct);

        Assert.Equal(DefaultMappings.Names.Count, rows.Count);
        Assert.Equal((3, 3, 0), rows.Where(r => r.Mapping.Name == DefaultMappings.Customer).Select(r => (r.Couplings, r.Errors, r.Skipped)).Single());
        Assert.All(rows.Where(r => r.Mapping.Name != DefaultMappings.Customer), r => Assert.Equal(0, r.Couplings));
    }

    [Fact]
    public async Task UseDefaultSynchronizationSetup_CreatesTheDefaults_WhenThereAreNoMappings_AfterConfirmation()
    {
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<IntegrationTableMappingsPage>();
        cut.WaitForElement("#no-mappings");

        cut.Find("#action-use-default-setup").Click();
        YesButton(dialogs).Click();

        cut.WaitForAssertion(() => Assert.Equal(DefaultMappings.Names.Count, cut.FindAll("tr.list-row").Count));
        Assert.Empty(cut.FindAll("#no-mappings"));
    }

    [Fact]
    public async Task UseDefaultSynchronizationSetup_ResetsOnlyTheSelectedMapping()
    {
        await ApplyDefaultMappingsAsync();
        await using (var db = await DbAsync())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer || m.Name == DefaultMappings.Vendor)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Direction, SyncDirection.ToIntegrationTable), Ct);
        }
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<IntegrationTableMappingsPage>();
        cut.WaitForAssertion(() => Assert.Equal(DefaultMappings.Names.Count, cut.FindAll("tr.list-row").Count));
        Assert.True(cut.Find("#action-use-default-setup").HasAttribute("disabled"));

        var customerRow = cut.FindAll("tr.list-row").Single(r => r.QuerySelector(".mapping-name")!.TextContent == DefaultMappings.Customer);
        customerRow.QuerySelector("input[type=checkbox]")!.Change(true);
        cut.WaitForAssertion(() => Assert.False(cut.Find("#action-use-default-setup").HasAttribute("disabled")));
        cut.Find("#action-use-default-setup").Click();
        YesButton(dialogs).Click();

        cut.WaitForAssertion(() => Assert.Equal(SyncDirection.Bidirectional, StoredMappingAsync(DefaultMappings.Customer).GetAwaiter().GetResult().Direction));
        Assert.Equal(SyncDirection.ToIntegrationTable, (await StoredMappingAsync(DefaultMappings.Vendor)).Direction);
    }

    private static AngleSharp.Dom.IElement YesButton(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == "Yes"));
        return dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Yes");
    }
}
