namespace CouplingPortal.Core.MasterData.Vendors;

/// <summary>Business Central's Vendor (table 23), with the fields the default VENDOR ↔ account mapping uses.</summary>
public sealed class Vendor : MasterRecord
{
    public string No { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Address2 { get; set; } = "";
    public string PostCode { get; set; } = "";
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string CountryRegionCode { get; set; } = "";
    public string Contact { get; set; } = "";
    public string PrimaryContactNo { get; set; } = "";
    public string PhoneNo { get; set; } = "";
    public string MobilePhoneNo { get; set; } = "";
    public string FaxNo { get; set; } = "";
    public string Email { get; set; } = "";
    public string HomePage { get; set; } = "";
    public string PurchaserCode { get; set; } = "";
    public string CurrencyCode { get; set; } = "";
    public string PaymentTermsCode { get; set; } = "";
    public string ShipmentMethodCode { get; set; } = "";
    public string ShippingAgentCode { get; set; } = "";
    public VendorBlocked Blocked { get; set; }
}

/// <summary>BC's Vendor "Blocked" option; the default VENDOR mapping's table filter is Blocked = ' ' (None).</summary>
public enum VendorBlocked
{
    None = 0,
    Payment = 1,
    All = 2,
}
