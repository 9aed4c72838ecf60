using AngleSharp.Dom;
using Bunit;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Web.Components.Pages.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Components;

public sealed class CustomerListTests : PortalComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<CustomerList> list) =>
        list.FindAll("tbody tr.list-row");

    private static string PagerText(IRenderedComponent<CustomerList> list) =>
        string.Join(" | ", list.FindAll(".mud-table-pagination-caption").Select(caption => caption.TextContent.Trim()));

    [Fact]
    public async Task CustomerList_ShowsTheFirstPageOfCustomersFromTheDatabase()
    {
        var total = (await Services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 1), Xunit.TestContext.Current.CancellationToken)).TotalCount;

        var list = Render<CustomerList>();

        list.WaitForAssertion(() =>
        {
            Assert.Equal(Math.Min(total, 25), Rows(list).Count);
            Assert.Contains(Rows(list), row => row.TextContent.Contains("Adatum Corporation"));
            Assert.Contains($"of {total}", PagerText(list));
        }, Patience);
    }

    [Fact]
    public void Search_NarrowsTheRowsToMatchingCustomers()
    {
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.True(Rows(list).Count > 1), Patience);

        var searchBox = list.Find("#list-search");
        searchBox.Input("trey research");
        searchBox.KeyDown(Key.Enter);

        list.WaitForAssertion(() =>
        {
            var row = Assert.Single(Rows(list));
            Assert.Contains("20000", row.TextContent);
            Assert.Contains("Trey Research", row.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task NextPage_ShowsTheCustomersAfterTheFirstPage()
    {
        var total = (await Services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 1), Xunit.TestContext.Current.CancellationToken)).TotalCount;
        Assert.True(total > 25, "the demo company needs more than one page of customers");
        var firstPageNos = new List<string>();
        var list = Render<CustomerList>();
        list.WaitForAssertion(() => Assert.Equal(25, Rows(list).Count), Patience);
        firstPageNos.AddRange(Rows(list).Select(row => row.Children[1].TextContent.Trim()));

        list.Find("button[aria-label='Next page']").Click();

        list.WaitForAssertion(() =>
        {
            var rows = Rows(list);
            Assert.Equal(Math.Min(total - 25, 25), rows.Count);
            Assert.DoesNotContain(rows, row => firstPageNos.Contains(row.Children[1].TextContent.Trim()));
            Assert.Contains($"26-{Math.Min(total, 50)} of {total}", PagerText(list));
        }, Patience);
    }
}
