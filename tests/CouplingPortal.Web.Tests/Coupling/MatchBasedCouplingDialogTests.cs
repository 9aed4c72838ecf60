using Bunit;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Web.Components.Shared.Coupling;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using static CouplingPortal.Web.Tests.CouplingUi.CouplingTestHelpers;

namespace CouplingPortal.Web.Tests.CouplingUi;

/// <summary>The Match-Based Coupling criteria page, its preview, and OK (bc-coupling.md §3.7).</summary>
public sealed class MatchBasedCouplingDialogTests : CouplingTestContext
{
    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Reference)> OpenAsync(params string[] customerNos)
    {
        var ids = new List<Guid>();
        foreach (var no in customerNos)
            ids.Add((await CustomerAsync(no)).SystemId);
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<MatchBasedCouplingDialog>
        {
            { d => d.MappingName, DefaultMappings.Customer },
            { d => d.LocalSystemIds, ids },
        };
        IDialogReference? reference = null;
        await dialogs.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>().ShowAsync<MatchBasedCouplingDialog>("", parameters));
        dialogs.WaitForElement("#match-criteria", Patience);
        return (dialogs, reference!);
    }

    private static async Task SetCheckAsync(IRenderedComponent<MudDialogProvider> dialogs, string id, bool value)
    {
        var box = dialogs.FindComponents<MudCheckBox<bool>>().Single(c => Equals(c.Instance.UserAttributes.GetValueOrDefault("id"), id));
        await dialogs.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync(value));
    }

    private static Dictionary<string, string> PreviewOutcomes(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll(".match-preview-line").ToDictionary(r => r.QuerySelector("td")!.TextContent.Trim(), r => r.GetAttribute("data-outcome")!);

    [Fact]
    public async Task Criteria_ListTheMappingsFieldsWithoutConstants_AndResetCriteriaClearsThem()
    {
        await StartDataverseAsync();
        var (dialogs, _) = await OpenAsync("10000");

        var fields = dialogs.FindAll(".match-criterion").Select(r => r.GetAttribute("data-field")).ToList();
        Assert.Contains("Name", fields);
        Assert.Contains("City", fields);
        await SetCheckAsync(dialogs, "match-on-Name", true);
        Assert.Contains(dialogs.FindComponents<MudCheckBox<bool>>(), c => Equals(c.Instance.UserAttributes.GetValueOrDefault("id"), "match-on-Name") && c.Instance.GetState(x => x.Value));

        dialogs.Find("#match-reset").Click();

        var stillTicked = dialogs.FindComponents<MudCheckBox<bool>>().Where(c => c.Instance.GetState(x => x.Value))
            .Select(c => c.Instance.UserAttributes.GetValueOrDefault("id") as string).ToList();
        Assert.True(stillTicked.All(id => id is null || !id.StartsWith("match-", StringComparison.Ordinal) || id == "match-sync-after" || id == "match-create-new"), string.Join(", ", stillTicked));
        Assert.DoesNotContain(dialogs.FindComponents<MudCheckBox<bool>>(), c => (c.Instance.UserAttributes.GetValueOrDefault("id") as string ?? "").StartsWith("match-on-", StringComparison.Ordinal) && c.Instance.GetState(x => x.Value));
        Assert.NotEmpty(dialogs.FindAll("[id='match-sync-after']"));
        Assert.NotEmpty(dialogs.FindAll("[id='match-create-new']"));
        Assert.NotEmpty(dialogs.FindAll("[id='match-conflict-resolution']"));
    }

    [Fact]
    public async Task Preview_ShowsWhatWouldBeCoupledAndWhatNot_WithCaseSensitivityMakingTheDifference_ThenOkSchedules()
    {
        await StartDataverseAsync();
        var (dialogs, reference) = await OpenAsync("10000", "30000", "50000");
        dialogs.Find("#match-reset").Click();
        await SetCheckAsync(dialogs, "match-on-Name", true);

        dialogs.Find("#match-preview-button").Click();
        dialogs.WaitForElement("#match-preview", Patience);
        var insensitive = PreviewOutcomes(dialogs);
        Assert.Equal("Coupled", insensitive.Single(p => p.Key.Contains("Adatum")).Value);
        Assert.Equal("Coupled", insensitive.Single(p => p.Key.Contains("School of Fine Art")).Value); // "SCHOOL OF FINE ART" in Dataverse
        Assert.Equal("MultipleMatches", insensitive.Single(p => p.Key.Contains("Relecloud")).Value);

        dialogs.Find("#match-back").Click();
        await SetCheckAsync(dialogs, "match-case-Name", true);
        dialogs.Find("#match-preview-button").Click();
        dialogs.WaitForElement("#match-preview", Patience);
        var sensitive = PreviewOutcomes(dialogs);
        Assert.Equal("Coupled", sensitive.Single(p => p.Key.Contains("Adatum")).Value);
        Assert.NotEqual("Coupled", sensitive.Single(p => p.Key.Contains("School of Fine Art")).Value);
        Assert.Contains("1 will be coupled", dialogs.Find("#match-preview-summary").TextContent);

        dialogs.Find("#match-ok").Click();
        var result = await reference.Result.WaitAsync(Patience, Ct);
        var outcome = Assert.IsType<ActionOutcome>(result!.Data);
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal("Match-based coupling has been scheduled.", outcome.Message);
        var name = (await StoredMappingAsync(DefaultMappings.Customer)).FieldMappings.Single(f => f.LocalField == "Name");
        Assert.True(name.UseForMatchBasedCoupling);
        Assert.True(name.CaseSensitiveMatching);
    }
}
