using Bunit;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Web.Components.Pages.Customers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Components;

public sealed class CustomerCardTests : PortalComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private CustomerService Customers => Services.GetRequiredService<CustomerService>();

    [Fact]
    public void Save_PersistsTheEditedField()
    {
        var card = Render<CustomerCard>(p => p.Add(c => c.No, "10000"));
        card.WaitForAssertion(() => Assert.Equal("Adatum Corporation", card.Find("#field-Name").GetAttribute("value")), Patience);

        card.Find("#field-City").Change("Cambridge");
        card.Find("#action-save").Click();

        card.WaitForAssertion(() =>
        {
            var saved = Customers.GetByNoAsync("10000").GetAwaiter().GetResult();
            Assert.Equal("Cambridge", saved!.City);
            Assert.Empty(card.FindAll(".mud-input-error"));
        }, Patience);
    }

    [Fact]
    public async Task InvalidEmail_ShowsADutchErrorUnderTheField_AndSavesNothing()
    {
        UseCulture("nl-NL");
        var before = await Customers.GetByNoAsync("20000", Xunit.TestContext.Current.CancellationToken);
        var card = Render<CustomerCard>(p => p.Add(c => c.No, "20000"));
        card.WaitForAssertion(() => Assert.Equal("Trey Research", card.Find("#field-Name").GetAttribute("value")), Patience);

        card.Find("#field-City").Change("Savannah");
        card.Find("#field-Email").Change("helen.ray-at-treyresearch");
        card.Find("#action-save").Click();

        card.WaitForAssertion(() =>
        {
            var emailControl = card.Find("#field-Email").Closest(".mud-input-control")!;
            var error = emailControl.QuerySelector(".mud-input-helper-text.mud-input-error");
            Assert.NotNull(error);
            Assert.Contains("geen geldig e-mailadres", error.TextContent);
            Assert.Contains("De record is niet opgeslagen", card.Find("#save-errors").TextContent);
        }, Patience);
        var after = await Customers.GetByNoAsync("20000", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(before!.Email, after!.Email);
        Assert.Equal(before.City, after.City);
        Assert.Equal(before.SystemModifiedAt, after.SystemModifiedAt);
    }

    [Fact]
    public async Task NewCustomer_IsInsertedOnSave_AndTheCardMovesToItsNo()
    {
        var card = Render<CustomerCard>();
        card.WaitForAssertion(() => Assert.NotNull(card.Find("#field-No")), Patience);

        card.Find("#field-No").Change("90000");
        card.Find("#field-Name").Change("Contoso Pharmaceuticals");
        card.Find("#field-Email").Change("purchasing@contoso.example");
        card.Find("#action-save").Click();

        card.WaitForAssertion(() =>
            Assert.EndsWith("/customers/90000", Services.GetRequiredService<NavigationManager>().Uri), Patience);
        var saved = await Customers.GetByNoAsync("90000", Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("Contoso Pharmaceuticals", saved!.Name);
        Assert.NotEqual(Guid.Empty, saved.SystemId);
    }

    [Fact]
    public async Task NewCustomer_WithoutANo_ShowsTheRequiredFieldError_AndIsNotInserted()
    {
        var before = (await Customers.ListAsync(new Core.MasterData.ListRequest(0, 1), Xunit.TestContext.Current.CancellationToken)).TotalCount;
        var card = Render<CustomerCard>();
        card.WaitForAssertion(() => Assert.NotNull(card.Find("#field-Name")), Patience);

        card.Find("#field-Name").Change("Nameless Number Ltd");
        card.Find("#action-save").Click();

        card.WaitForAssertion(() =>
        {
            var noControl = card.Find("#field-No").Closest(".mud-input-control")!;
            Assert.NotNull(noControl.QuerySelector(".mud-input-helper-text.mud-input-error"));
        }, Patience);
        var after = (await Customers.ListAsync(new Core.MasterData.ListRequest(0, 1), Xunit.TestContext.Current.CancellationToken)).TotalCount;
        Assert.Equal(before, after);
    }
}
