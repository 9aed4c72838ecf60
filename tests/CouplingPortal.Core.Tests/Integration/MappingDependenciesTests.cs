using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Tests.Integration;

public sealed class MappingDependenciesTests
{
    [Fact]
    public void DefaultMappings_SyncInDependencyOrder_WithBusinessCentralsPriorityAmongFreeOnes()
    {
        var shuffled = DefaultMappings.Create(Guid.NewGuid()).Reverse();

        var order = MappingDependencies.InSyncOrder(shuffled).Select(m => m.Name).ToList();

        Assert.Equal(DefaultMappings.Names, order);
        Assert.True(order.IndexOf("CONTACT") > order.IndexOf("VENDOR"));
    }

    [Fact]
    public void ADependencyOnAMappingNotInTheSelection_IsIgnored_AndACycleIsRefused()
    {
        var contact = new IntegrationTableMapping { Name = "CONTACT", Dependencies = ["CUSTOMER", "VENDOR"] };
        Assert.Equal(["CONTACT"], MappingDependencies.InSyncOrder([contact]).Select(m => m.Name));

        var a = new IntegrationTableMapping { Name = "A", Dependencies = ["B"] };
        var b = new IntegrationTableMapping { Name = "B", Dependencies = ["A"] };
        Assert.Throws<InvalidOperationException>(() => MappingDependencies.InSyncOrder([a, b]));
    }

    [Fact]
    public void MultiCompanySync_RemovesTheCompanyFilter_AndTurningItOffRestoresThisCompanyOrUnclaimed()
    {
        var customer = DefaultMappings.Create(Guid.NewGuid()).Single(m => m.Name == "CUSTOMER");
        var currency = DefaultMappings.Create(Guid.NewGuid()).Single(m => m.Name == "CURRENCY");

        customer.SetMultiCompanySync(true);
        Assert.Equal((true, CompanyFilter.None), (customer.MultiCompanySyncEnabled, customer.CompanyFilter));
        customer.SetMultiCompanySync(false);
        Assert.Equal((false, CompanyFilter.ThisCompanyOrUnclaimed), (customer.MultiCompanySyncEnabled, customer.CompanyFilter));
        currency.SetMultiCompanySync(false);
        Assert.Equal(CompanyFilter.None, currency.CompanyFilter);
    }
}
