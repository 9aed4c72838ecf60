using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Vendors;
using CouplingPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CouplingPortal.Web.Components.Shared;

/// <summary>Business Central's option captions for the master-data enums, and list filters built from them.</summary>
public sealed class OptionCaptions(IStringLocalizer<PortalText> text)
{
    public IReadOnlyList<(CustomerBlocked Value, string Caption)> CustomerBlocked =>
    [
        (Core.MasterData.Customers.CustomerBlocked.None, text["Blocked_None"]),
        (Core.MasterData.Customers.CustomerBlocked.Ship, text["Blocked_Ship"]),
        (Core.MasterData.Customers.CustomerBlocked.Invoice, text["Blocked_Invoice"]),
        (Core.MasterData.Customers.CustomerBlocked.All, text["Blocked_All"]),
    ];

    public IReadOnlyList<(VendorBlocked Value, string Caption)> VendorBlocked =>
    [
        (Core.MasterData.Vendors.VendorBlocked.None, text["Blocked_None"]),
        (Core.MasterData.Vendors.VendorBlocked.Payment, text["Blocked_Payment"]),
        (Core.MasterData.Vendors.VendorBlocked.All, text["Blocked_All"]),
    ];

    public IReadOnlyList<(ContactType Value, string Caption)> ContactType =>
    [
        (Core.MasterData.Contacts.ContactType.Company, text["ContactType_Company"]),
        (Core.MasterData.Contacts.ContactType.Person, text["ContactType_Person"]),
    ];

    public IReadOnlyList<(BusinessRelation Value, string Caption)> BusinessRelation =>
    [
        (Core.MasterData.Contacts.BusinessRelation.None, text["BusinessRelation_None"]),
        (Core.MasterData.Contacts.BusinessRelation.Customer, text["BusinessRelation_Customer"]),
        (Core.MasterData.Contacts.BusinessRelation.Vendor, text["BusinessRelation_Vendor"]),
    ];

    public IReadOnlyList<(ItemType Value, string Caption)> ItemType =>
    [
        (Core.MasterData.Items.ItemType.Inventory, text["ItemType_Inventory"]),
        (Core.MasterData.Items.ItemType.Service, text["ItemType_Service"]),
        (Core.MasterData.Items.ItemType.NonInventory, text["ItemType_NonInventory"]),
    ];

    public IReadOnlyList<(ResourceType Value, string Caption)> ResourceType =>
    [
        (Core.MasterData.Resources.ResourceType.Person, text["ResourceType_Person"]),
        (Core.MasterData.Resources.ResourceType.Machine, text["ResourceType_Machine"]),
    ];

    public string Caption<TEnum>(IReadOnlyList<(TEnum Value, string Caption)> options, TEnum value) where TEnum : struct, Enum =>
        options.FirstOrDefault(o => o.Value.Equals(value)).Caption ?? value.ToString();

    /// <summary>A list filter over an enum field; the filter value is the member name, as Core's list expects.</summary>
    public ListFilter EnumFilter<TEnum>(string field, string captionKey, IReadOnlyList<(TEnum Value, string Caption)> options)
        where TEnum : struct, Enum =>
        new(field, text[captionKey], options.Select(o => new ListFilterOption(o.Value.ToString(), string.IsNullOrWhiteSpace(o.Caption) ? text["NotBlocked"] : o.Caption)).ToList());

    /// <summary>A Yes/No list filter over a bool field (Blocked on items and resources).</summary>
    public ListFilter YesNoFilter(string field, string captionKey) =>
        new(field, text[captionKey], [new("true", text["Yes"]), new("false", text["No"])]);

    /// <summary>Setup codes for a card dropdown, with a blank first entry (the field is optional).</summary>
    public static IReadOnlyList<(string Value, string Caption)> Codes(IReadOnlyList<LookupEntry> entries) =>
        [("", ""), .. entries.Select(e => (e.Code, $"{e.Code} · {e.Description}"))];

    public string YesNo(bool value) => value ? text["Yes"] : text["No"];
}
