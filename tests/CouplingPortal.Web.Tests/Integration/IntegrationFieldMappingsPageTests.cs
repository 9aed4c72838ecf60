using Bunit;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class IntegrationFieldMappingsPageTests : IntegrationAdminTestContext
{
    private IRenderedComponent<IntegrationFieldMappingsPage> RenderFields(string name)
    {
        var cut = Render<IntegrationFieldMappingsPage>(p => p.Add(c => c.Name, name));
        cut.WaitForElement("tr.field-mapping");
        return cut;
    }

    [Fact]
    public async Task ChangedFieldSettings_AreSaved()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.Customer);
        var phone = before.FieldMappings.Single(f => f.LocalField == "PhoneNo");
        var cut = RenderFields(DefaultMappings.Customer);

        cut.Find($"#field-{phone.LineNo}-Status").Change(false);
        await SelectAsync(cut, $"field-{phone.LineNo}-Direction", SyncDirection.FromIntegrationTable);
        await SelectAsync(cut, $"field-{phone.LineNo}-Transformation", FieldTransformation.Trim);
        cut.Find($"#field-{phone.LineNo}-UseForMatchBasedCoupling").Change(true);
        cut.Find($"#field-{phone.LineNo}-CaseSensitiveMatching").Change(true);
        cut.Find($"#field-{phone.LineNo}-MatchPriority").Change("2");
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(FieldMappingStatus.Disabled, StoredField(phone.Id).Status));
        var stored = StoredField(phone.Id);
        Assert.Equal(SyncDirection.FromIntegrationTable, stored.Direction);
        Assert.Equal(FieldTransformation.Trim, stored.Transformation);
        Assert.True(stored.UseForMatchBasedCoupling);
        Assert.True(stored.CaseSensitiveMatching);
        Assert.Equal(2, stored.MatchPriority);
        Assert.Empty(cut.FindAll("#save-errors"));
    }

    [Fact]
    public async Task ClearValueTogetherWithNotNull_IsRefusedOnItsLine_AndNothingIsStored()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.Customer);
        var owner = before.FieldMappings.Single(f => f.NotNull);
        var cut = RenderFields(DefaultMappings.Customer);

        cut.Find($"#field-{owner.LineNo}-ClearValueOnFailedSync").Change(true);
        cut.Find($"#field-{owner.LineNo}-MatchPriority").Change("7");
        cut.Find("#action-save").Click();

        cut.WaitForElement($"#field-{owner.LineNo}-errors");
        Assert.NotEmpty(cut.FindAll("#save-errors"));
        var stored = StoredField(owner.Id);
        Assert.False(stored.ClearValueOnFailedSync);
        Assert.Equal(owner.MatchPriority, stored.MatchPriority);
    }

    [Fact]
    public async Task OptionMappingFieldDirection_BecomesTheMappingsDirection()
    {
        await ApplyDefaultMappingsAsync();
        var before = await StoredMappingAsync(DefaultMappings.ShippingAgent);
        var target = before.Direction == SyncDirection.ToIntegrationTable ? SyncDirection.FromIntegrationTable : SyncDirection.ToIntegrationTable;
        var cut = RenderFields(DefaultMappings.ShippingAgent);

        foreach (var field in before.FieldMappings)
            await SelectAsync(cut, $"field-{field.LineNo}-Direction", target);
        cut.Find("#action-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(target, StoredMappingAsync(DefaultMappings.ShippingAgent).GetAwaiter().GetResult().Direction));
    }

    private IntegrationFieldMapping StoredField(int id)
    {
        using var db = DbAsync().GetAwaiter().GetResult();
        return db.IntegrationFieldMappings.AsNoTracking().Single(f => f.Id == id);
    }
}
