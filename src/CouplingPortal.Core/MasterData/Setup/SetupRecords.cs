namespace CouplingPortal.Core.MasterData.Setup;

/// <summary>Salesperson/Purchaser (table 13); SALESPEOPLE maps it from systemuser.</summary>
public sealed class SalespersonPurchaser : MasterRecord
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Email2 { get; set; } = "";
    public string PhoneNo { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public bool Blocked { get; set; }
}

/// <summary>Currency (table 4); CURRENCY maps Code to transactioncurrency.isocurrencycode.</summary>
public sealed class Currency : MasterRecord
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public string Symbol { get; set; } = "";
}

/// <summary>Payment Terms (table 3); mapped to the account.paymenttermscode option set.</summary>
public sealed class PaymentTerms : MasterRecord
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>Shipment Method (table 10); mapped to the account.address1_freighttermscode option set.</summary>
public sealed class ShipmentMethod : MasterRecord
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>Shipping Agent (table 291); mapped to the account.address1_shippingmethodcode option set.</summary>
public sealed class ShippingAgent : MasterRecord
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
}
