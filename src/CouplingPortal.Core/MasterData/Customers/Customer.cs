namespace CouplingPortal.Core.MasterData.Customers;

/// <summary>Business Central's Customer (table 18), with the fields the default CUSTOMER ↔ account mapping uses.</summary>
public sealed class Customer : MasterRecord
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
    public string SalespersonCode { get; set; } = "";
    public string CurrencyCode { get; set; } = "";
    public string PaymentTermsCode { get; set; } = "";
    public string ShipmentMethodCode { get; set; } = "";
    public string ShippingAgentCode { get; set; } = "";
    public decimal CreditLimitLcy { get; set; }
    public CustomerBlocked Blocked { get; set; }
}

/// <summary>BC's Customer "Blocked" option; the default CUSTOMER mapping's table filter is Blocked = ' ' (None).</summary>
public enum CustomerBlocked
{
    None = 0,
    Ship = 1,
    Invoice = 2,
    All = 3,
}
