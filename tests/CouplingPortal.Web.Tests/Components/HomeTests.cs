using Bunit;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Web.Components.Pages;
using CouplingPortal.Web.RoleCenter;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Components;

public sealed class HomeTests : PortalComponentTestContext
{
    public HomeTests() => Services.AddScoped<RoleCenterService>();

    [Fact]
    public async Task RoleCenter_ShowsHowManyCustomersAndContactsTheDatabaseHolds()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var customers = (await Services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 1), ct)).TotalCount;
        var contacts = (await Services.GetRequiredService<ContactService>().ListAsync(new ListRequest(0, 1), ct)).TotalCount;

        var home = Render<Home>();

        home.WaitForAssertion(() =>
        {
            Assert.Equal(customers.ToString("N0"), home.Find("#cue-customers .cue-count").TextContent.Trim());
            Assert.Equal(contacts.ToString("N0"), home.Find("#cue-contacts .cue-count").TextContent.Trim());
            Assert.Contains("Welcome, Demo Admin", home.Find("#page-title").TextContent);
        }, TimeSpan.FromSeconds(10));
    }
}
