using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Vendors;

namespace CouplingPortal.Web.RoleCenter;

/// <summary>The role center's cues: how many records each master-data list holds.</summary>
public sealed record MasterDataCounts(int Customers, int Vendors, int Contacts, int Items, int Resources);

/// <summary>Counts through the feature services (a one-row page carries the total), so no rows are loaded.</summary>
public sealed class RoleCenterService(
    CustomerService customers,
    VendorService vendors,
    ContactService contacts,
    ItemService items,
    ResourceService resources)
{
    private static readonly ListRequest CountOnly = new(Page: 0, PageSize: 1);

    public async Task<MasterDataCounts> GetCountsAsync(CancellationToken ct = default) => new(
        (await customers.ListAsync(CountOnly, ct)).TotalCount,
        (await vendors.ListAsync(CountOnly, ct)).TotalCount,
        (await contacts.ListAsync(CountOnly, ct)).TotalCount,
        (await items.ListAsync(CountOnly, ct)).TotalCount,
        (await resources.ListAsync(CountOnly, ct)).TotalCount);
}
