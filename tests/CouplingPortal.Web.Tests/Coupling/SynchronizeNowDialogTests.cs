using Bunit;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Web.Components.Shared.Coupling;
using CouplingPortal.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using static CouplingPortal.Web.Tests.CouplingUi.CouplingTestHelpers;

namespace CouplingPortal.Web.Tests.CouplingUi;

/// <summary>The Synchronize Now prompt variants of bc-coupling.md §3.5.</summary>
public sealed class SynchronizeNowDialogTests : PortalComponentTestContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static readonly FieldDifference City = new("City", "address1_city", SyncDirection.Bidirectional, "London", "Londen");

    private static RecordSyncInspection Inspection(SyncDirection mapping, bool localChanged, bool dataverseChanged, bool conflict) =>
        new("CUSTOMER", mapping, true, Guid.NewGuid(), true, false, localChanged, dataverseChanged, conflict, [City]);

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Reference)> OpenAsync(RecordSyncInspection inspection)
    {
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<SynchronizeNowDialog>
        {
            { d => d.RecordName, "10000 · Adatum Corporation" },
            { d => d.Inspection, inspection },
        };
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<SynchronizeNowDialog>("", parameters));
        dialogs.WaitForElement("#synchronize-now-dialog", Patience);
        return (dialogs, reference!);
    }

    [Fact]
    public async Task Bidirectional_OnlyDataverseChanged_OffersSendGetMerge_PreselectsGet_AndNamesTheFieldsItOverwrites()
    {
        var (dialogs, reference) = await OpenAsync(Inspection(SyncDirection.Bidirectional, localChanged: false, dataverseChanged: true, conflict: false));

        Assert.Contains("Synchronize data for 10000 · Adatum Corporation?", dialogs.Find("#synchronize-question").TextContent);
        Assert.Equal(3, dialogs.FindComponents<MudRadio<SyncDirection>>().Count);
        Assert.Contains("City", dialogs.Find("#synchronize-overwrite-warning").TextContent);

        dialogs.Find("#synchronize-ok").Click();
        var result = await reference.Result.WaitAsync(Patience, Ct);
        Assert.Equal(SyncDirection.FromIntegrationTable, result!.Data);
    }

    [Fact]
    public async Task Bidirectional_WithAConflict_HidesMerge_AndPreselectsSend_WarningAboutTheDataverseColumns()
    {
        var (dialogs, reference) = await OpenAsync(Inspection(SyncDirection.Bidirectional, localChanged: true, dataverseChanged: true, conflict: true));

        Assert.Empty(dialogs.FindAll("#direction-merge"));
        Assert.Equal(2, dialogs.FindComponents<MudRadio<SyncDirection>>().Count);
        Assert.Contains("address1_city", dialogs.Find("#synchronize-overwrite-warning").TextContent);

        dialogs.Find("#synchronize-ok").Click();
        var result = await reference.Result.WaitAsync(Patience, Ct);
        Assert.Equal(SyncDirection.ToIntegrationTable, result!.Data);
    }

    [Fact]
    public async Task Unidirectional_WhenDataverseHasNewerData_AsksWhetherToOverwrite_WithNoAsTheDefault()
    {
        var (dialogs, reference) = await OpenAsync(Inspection(SyncDirection.ToIntegrationTable, localChanged: false, dataverseChanged: true, conflict: false));

        Assert.Contains("contains newer data", dialogs.Find("#synchronize-question").TextContent);
        Assert.Empty(dialogs.FindAll("#synchronize-direction"));
        Assert.Contains("mud-button-filled", dialogs.Find("#synchronize-no").ClassName);
        Assert.DoesNotContain("mud-button-filled", dialogs.Find("#synchronize-yes").ClassName);

        dialogs.Find("#synchronize-no").Click();
        var result = await reference.Result.WaitAsync(Patience, Ct);
        Assert.True(result!.Canceled);
    }

    [Fact]
    public async Task Unidirectional_WithoutNewerData_AsksAPlainYesNoQuestion_AndYesSynchronizesInTheMappingsDirection()
    {
        var (dialogs, reference) = await OpenAsync(Inspection(SyncDirection.FromIntegrationTable, localChanged: false, dataverseChanged: true, conflict: false));

        Assert.DoesNotContain("newer data", dialogs.Find("#synchronize-question").TextContent);
        Assert.Empty(dialogs.FindAll("#synchronize-newer-warning"));

        dialogs.Find("#synchronize-yes").Click();
        var result = await reference.Result.WaitAsync(Patience, Ct);
        Assert.Equal(SyncDirection.FromIntegrationTable, result!.Data);
    }
}
