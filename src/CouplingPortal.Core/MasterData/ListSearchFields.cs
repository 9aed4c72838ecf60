using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Vendors;

namespace CouplingPortal.Core.MasterData;

/// <summary>
/// The columns each list's search looks in. One list for the services and for the PostgreSQL trigram indexes
/// that keep "contains" searches fast at volume.
/// </summary>
internal static class ListSearchFields
{
    public static readonly IReadOnlyDictionary<Type, string[]> ByEntity = new Dictionary<Type, string[]>
    {
        [typeof(Customer)] = [nameof(Customer.No), nameof(Customer.Name), nameof(Customer.City), nameof(Customer.Contact), nameof(Customer.PhoneNo), nameof(Customer.Email)],
        [typeof(Vendor)] = [nameof(Vendor.No), nameof(Vendor.Name), nameof(Vendor.City), nameof(Vendor.Contact), nameof(Vendor.PhoneNo), nameof(Vendor.Email)],
        [typeof(Contact)] = [nameof(Contact.No), nameof(Contact.Name), nameof(Contact.CompanyName), nameof(Contact.City), nameof(Contact.Email), nameof(Contact.PhoneNo)],
        [typeof(Item)] = [nameof(Item.No), nameof(Item.Description), nameof(Item.VendorItemNo)],
        [typeof(Resource)] = [nameof(Resource.No), nameof(Resource.Name)],
    };
}
