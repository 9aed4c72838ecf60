namespace CouplingPortal.Core.MasterData.Contacts;

/// <summary>
/// Business Central's Contact (table 5050). A person belongs to a company contact (<see cref="CompanyNo"/>); the
/// company contact's business relation says which customer or vendor it is, which is how the CONTACT mapping finds
/// the parent account.
/// </summary>
public sealed class Contact : MasterRecord
{
    public string No { get; set; } = "";
    public ContactType Type { get; set; }
    public string CompanyNo { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public string Name { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string MiddleName { get; set; } = "";
    public string Surname { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public string SalutationCode { get; set; } = "";
    public string Address { get; set; } = "";
    public string Address2 { get; set; } = "";
    public string PostCode { get; set; } = "";
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string CountryRegionCode { get; set; } = "";
    public string PhoneNo { get; set; } = "";
    public string MobilePhoneNo { get; set; } = "";
    public string FaxNo { get; set; } = "";
    public string Pager { get; set; } = "";
    public string Email { get; set; } = "";
    public string HomePage { get; set; } = "";
    public string SalespersonCode { get; set; } = "";
    public string CurrencyCode { get; set; } = "";

    /// <summary>On company contacts: which kind of ERP record this company is (BC's Contact Business Relation).</summary>
    public BusinessRelation BusinessRelation { get; set; }

    /// <summary>On company contacts: the customer or vendor No. the business relation points at.</summary>
    public string BusinessRelationNo { get; set; } = "";
}

public enum ContactType
{
    Company = 0,
    Person = 1,
}

public enum BusinessRelation
{
    None = 0,
    Customer = 1,
    Vendor = 2,
}
