using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class IntegrationTableMappingCardTests : IntegrationAdminTestContext
{
    private IRenderedComponent<IntegrationTableMappingCard> RenderCard(string name)
    {
        var cut = Render<IntegrationTableMappingCard>(p => p.Add(c => c.Name, name));
        cut.WaitForElement("#card-heading");
        return cut;
    }

    [Fact]
    public async Task DirectionChange_IsSaved_ForANormalMapping()
    {
        await ApplyDefaultMappingsAsync();
        var cut = RenderCard(DefaultMappings.Customer);

        await SelectAsync(cut, "field-Direction", SyncDirection.ToIntegrationTable);
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(SyncDirection.ToIntegrationTable, StoredMappingAsync(DefaultMappings.Customer).GetAwaiter().GetResult().Direction));
        Assert.Empty(cut.FindAll("#save-errors"));
    }

    [Fact]
    public async Task Bidirectional_IsRefusedForAnOptionMapping_WithTheValidatorsMessage_AndNothingIsStored()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.PaymentTerms);
        Assert.Equal(MappingKind.Option, before.Kind);
        var cut = RenderCard(DefaultMappings.PaymentTerms);

        await SelectAsync(cut, "field-Direction", SyncDirection.Bidirectional);
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#save-errors")));
        var select = FindSelect<IntegrationTableMappingCard, SyncDirection>(cut, "field-Direction");
        Assert.Contains("bidirectional", select.Find(".mud-input-helper-text").TextContent, StringComparison.OrdinalIgnoreCase);
        var after = await StoredMappingAsync(DefaultMappings.PaymentTerms);
        Assert.Equal(before.Direction, after.Direction);
        Assert.All(after.FieldMappings, f => Assert.NotEqual(SyncDirection.Bidirectional, f.Direction));
    }

    [Fact]
    public async Task OptionMappingDirection_IsPassedOnToItsFieldMappings()
    {
        await ApplyDefaultMappingsAsync();
        var cut = RenderCard(DefaultMappings.PaymentTerms);

        await SelectAsync(cut, "field-Direction", SyncDirection.FromIntegrationTable);
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(SyncDirection.FromIntegrationTable, StoredMappingAsync(DefaultMappings.PaymentTerms).GetAwaiter().GetResult().Direction));
        var stored = await StoredMappingAsync(DefaultMappings.PaymentTerms);
        Assert.All(stored.FieldMappings, f => Assert.Equal(SyncDirection.FromIntegrationTable, f.Direction));
    }

    [Fact]
    public async Task InvalidFilterValue_ShowsTheMessageOnItsLine_DisablesSave_AndKeepsTheInput()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.Customer);
        var cut = RenderCard(DefaultMappings.Customer);
        var line = IntegrationLineOf(before, "customertypecode");

        cut.Find($"#integration-table-filter-values-{line}").Change("three");

        cut.WaitForAssertion(() => Assert.Contains("three", cut.Find($"#integration-table-filter-error-{line}").TextContent));
        Assert.Contains("customertypecode", cut.Find($"#integration-table-filter-error-{line}").TextContent);
        Assert.True(cut.Find("#action-save").HasAttribute("disabled"));
        Assert.NotEmpty(cut.FindAll("#filter-errors"));
        Assert.Equal("three", cut.Find($"#integration-table-filter-values-{line}").GetAttribute("value"));

        cut.Find("#action-save").Click();
        Assert.Equal(before.IntegrationTableFilter, (await StoredMappingAsync(DefaultMappings.Customer)).IntegrationTableFilter);
    }

    [Fact]
    public async Task InvalidFilterLine_ShowsADutchMessage_UnderDutchCulture()
    {
        UseCulture("nl-NL");
        await ApplyDefaultMappingsAsync();
        var cut = RenderCard(DefaultMappings.Customer);

        cut.Find("#table-filter-add").Click();
        var line = cut.FindAll("#table-filter .filter-line").Count - 1;
        await SelectAsync(cut, $"table-filter-field-{line}", "CreditLimitLcy");
        cut.Find($"#table-filter-values-{line}").Change("veel");

        cut.WaitForAssertion(() => Assert.Contains("veel", cut.Find($"#table-filter-error-{line}").TextContent));
        Assert.DoesNotContain("is not a valid", cut.Find($"#table-filter-error-{line}").TextContent);
        Assert.True(cut.Find("#action-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task ValidFilterLine_IsSaved_AsAStructuredCondition()
    {
        await ApplyDefaultMappingsAsync();
        var cut = RenderCard(DefaultMappings.Customer);

        cut.Find("#table-filter-add").Click();
        var line = cut.FindAll("#table-filter .filter-line").Count - 1;
        await SelectAsync(cut, $"table-filter-field-{line}", "CountryRegionCode");
        cut.Find($"#table-filter-values-{line}").Change("NL|BE");
        cut.WaitForAssertion(() => Assert.False(cut.Find("#action-save").HasAttribute("disabled")));
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Contains(new FilterCondition("CountryRegionCode", FilterOperator.Equal, "NL", "BE"),
            StoredMappingAsync(DefaultMappings.Customer).GetAwaiter().GetResult().TableFilter.Conditions));
    }

    [Fact]
    public async Task TurningOffSynchOnlyCoupledRecords_WarnsAsBusinessCentralDoes_AndRemoveCouplingAddsItsWarning()
    {
        await ApplyDefaultMappingsAsync();
        var cut = RenderCard(DefaultMappings.Customer);
        Assert.Empty(cut.FindAll("#warning-only-coupled-off"));

        cut.Find("#field-SynchOnlyCoupledRecords").Change(false);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#warning-only-coupled-off")));
        Assert.Empty(cut.FindAll("#warning-remove-coupling"));

        await SelectAsync(cut, "field-DeletionConflictResolution", DeletionConflictResolution.RemoveCoupling);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#warning-remove-coupling")));
    }

    [Fact]
    public async Task CompanyQuestion_SwitchesBetweenThisCompanyOnly_AndMultiCompanySync()
    {
        await ApplyDefaultMappingsAsync();
        Assert.Equal(CompanyFilter.ThisCompanyOrUnclaimed, (await StoredMappingAsync(DefaultMappings.Customer)).CompanyFilter);
        var cut = RenderCard(DefaultMappings.Customer);

        cut.Find("#field-CompanyFilter").Change(false);
        cut.Find("#action-save").Click();
        cut.WaitForAssertion(() => Assert.Equal(CompanyFilter.ThisCompanyOnly, StoredMappingAsync(DefaultMappings.Customer).GetAwaiter().GetResult().CompanyFilter));

        cut.Find("#field-MultiCompanySyncEnabled").Change(true);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#field-CompanyFilter")));
        cut.Find("#action-save").Click();
        cut.WaitForAssertion(() => Assert.True(StoredMappingAsync(DefaultMappings.Customer).GetAwaiter().GetResult().MultiCompanySyncEnabled));
        var stored = await StoredMappingAsync(DefaultMappings.Customer);
        Assert.Equal(CompanyFilter.None, stored.CompanyFilter);
    }

    [Fact]
    public async Task OptionField_ShowsItsPossibleValues_UnderTheValueBox()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.Customer);
        var line = before.TableFilter.Conditions.Select((c, i) => (c, i)).Single(x => x.c.Field == "Blocked").i;

        var cut = RenderCard(DefaultMappings.Customer);

        Assert.Contains("Possible values: None, Ship, Invoice, All", cut.Find($"#table-filter-line-{line}").TextContent);
    }

    [Fact]
    public async Task UnknownMapping_ShowsNotFound()
    {
        await ApplyDefaultMappingsAsync();
        var cut = Render<IntegrationTableMappingCard>(p => p.Add(c => c.Name, "NOPE"));
        cut.WaitForElement("#record-not-found");
    }

    private static int IntegrationLineOf(IntegrationTableMapping mapping, string field) =>
        mapping.IntegrationTableFilter.Conditions.Select((c, i) => (c, i)).Single(x => x.c.Field == field).i;
}
