using Bunit;
using CouplingPortal.Web.Components.Pages.Dataverse;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Dataverse;

public sealed class DataverseOpenPageTests : DataverseUiTestContext
{
    private IRenderedComponent<DataverseOpenPage> Open(string query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/dataverse/open?" + query);
        return Render<DataverseOpenPage>();
    }

    [Fact]
    public async Task ACoupledAccount_NavigatesToItsCustomerCard()
    {
        await CoupleCustomerAsync("10000", "Adatum Corporation");
        var account = await AccountIdAsync("Adatum Corporation");
        var navigation = Services.GetRequiredService<NavigationManager>();

        Open($"CRMType=account&CRMID={account:B}");

        Assert.True(SpinWaitForUri(navigation, "/customers/10000"));
    }

    [Fact]
    public async Task BcsFilterForm_OpensTheCardToo()
    {
        await CoupleCustomerAsync("20000", "Trey Research");
        var account = await AccountIdAsync("Trey Research");
        var navigation = Services.GetRequiredService<NavigationManager>();

        Open($"Filter=CRMID:{account};CRMType:account");

        Assert.True(SpinWaitForUri(navigation, "/customers/20000"));
    }

    [Theory]
    [InlineData("en-US", "the CUSTOMER mapping does not create records from Dataverse")]
    [InlineData("nl-NL", "toewijzing CUSTOMER maakt geen records vanuit Dataverse")]
    public async Task AnAccountTheMappingMayNotImport_ShowsTheReason_InTheUsersLanguage(string culture, string reason)
    {
        UseCulture(culture);
        var account = await AccountIdAsync("Contoso Pharmaceuticals");

        var cut = Open($"CRMType=account&CRMID={account}");

        cut.WaitForAssertion(() => Assert.Contains(reason, cut.Find("#open-refused").TextContent));
        Assert.EndsWith("/dataverse/open?CRMType=account&CRMID=" + account, Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Theory]
    [InlineData("en-US", "The link is not in the expected form")]
    [InlineData("nl-NL", "De koppeling heeft niet de verwachte vorm")]
    public void ABadLink_IsExplained_InTheUsersLanguage(string culture, string start)
    {
        UseCulture(culture);

        var cut = Open("CRMType=account&CRMID=not-a-guid");

        cut.WaitForAssertion(() => Assert.StartsWith(start, cut.Find("#open-refused").TextContent.Trim()));
    }

    [Fact]
    public void TheFilterForm_IsParsed_AndExplicitParametersWin()
    {
        Assert.Equal(("account", "abc"), DataverseOpenPage.Parse(null, null, "CRMID:abc;CRMType:account"));
        Assert.Equal(("contact", "x"), DataverseOpenPage.Parse("contact", "x", "CRMID:abc;CRMType:account"));
    }

    /// <summary>The page navigates after an awaited Dataverse call; wait for the fake navigation manager's URI to change.</summary>
    private bool SpinWaitForUri(NavigationManager navigation, string path) =>
        SpinWait.SpinUntil(() => new Uri(navigation.Uri).AbsolutePath == path, TimeSpan.FromSeconds(10));
}
