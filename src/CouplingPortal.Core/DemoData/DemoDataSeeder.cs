using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CouplingPortal.Core.DemoData;

/// <summary>
/// Seeds the CRONUS demo company on first start. The records named in the demo-data contract (shared with the
/// Dataverse emulator's seed) come first and must stay as they are; the rest only fills the lists.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<PortalDbContext> dbFactory, ILogger<DemoDataSeeder> logger)
{
    public const string CompanyName = "CRONUS";
    public static readonly Guid CompanyId = Guid.Parse("3c2a1b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    /// <summary>Seeds when no master data exists at all; returns whether it seeded.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await IsAnyMasterDataAsync(db, ct))
            return false;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(Currencies());
        db.AddRange(Salespeople());
        db.AddRange(PaymentTerms());
        db.AddRange(ShipmentMethods());
        db.AddRange(ShippingAgents());
        var customers = Customers();
        var vendors = Vendors();
        db.AddRange(customers);
        db.AddRange(vendors);
        db.AddRange(Contacts(customers, vendors));
        db.AddRange(Items());
        db.AddRange(Resources());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Seeded the {Company} demo company: {Customers} customers, {Vendors} vendors", CompanyName, customers.Count, vendors.Count);
        return true;
    }

    private static async Task<bool> IsAnyMasterDataAsync(PortalDbContext db, CancellationToken ct) =>
        await db.Customers.AnyAsync(ct) || await db.Vendors.AnyAsync(ct) || await db.Contacts.AnyAsync(ct)
        || await db.Items.AnyAsync(ct) || await db.Resources.AnyAsync(ct) || await db.Currencies.AnyAsync(ct)
        || await db.SalespeoplePurchasers.AnyAsync(ct) || await db.PaymentTerms.AnyAsync(ct)
        || await db.ShipmentMethods.AnyAsync(ct) || await db.ShippingAgents.AnyAsync(ct);

    internal static List<Currency> Currencies() =>
    [
        new() { Code = "EUR", Description = "Euro", Symbol = "€" },
        new() { Code = "USD", Description = "US Dollar", Symbol = "$" },
        new() { Code = "GBP", Description = "Pound Sterling", Symbol = "£" },
        new() { Code = "DKK", Description = "Danish Krone", Symbol = "kr." },
        new() { Code = "CHF", Description = "Swiss Franc", Symbol = "CHF" },
        new() { Code = "SEK", Description = "Swedish Krona", Symbol = "kr" },
    ];

    internal static List<SalespersonPurchaser> Salespeople() =>
    [
        new() { Code = "JO", Name = "Jim Olive", Email = "jim.olive@cronus.example", JobTitle = "Sales Manager" },
        new() { Code = "OF", Name = "Otis Falls", Email = "otis.falls@cronus.example", JobTitle = "Sales Representative" },
        new() { Code = "PS", Name = "Peter Saddow", Email = "peter.saddow@cronus.example", JobTitle = "Purchaser" },
        new() { Code = "BC", Name = "Benjamin Chiu", Email = "benjamin.chiu@cronus.example", JobTitle = "Sales Representative" },
        new() { Code = "MD", Name = "Marija Dimitrova", Email = "marija.dimitrova@cronus.example", JobTitle = "Purchaser" },
    ];

    internal static List<PaymentTerms> PaymentTerms() =>
    [
        new() { Code = "1M(8D)", Description = "1 Month/2% 8 days" },
        new() { Code = "14 DAYS", Description = "Net 14 days" },
        new() { Code = "30 DAYS", Description = "Net 30 days" },
        new() { Code = "60 DAYS", Description = "Net 60 days" },
        new() { Code = "COD", Description = "Cash on delivery" },
        new() { Code = "CM", Description = "Current month" },
    ];

    internal static List<ShipmentMethod> ShipmentMethods() =>
    [
        new() { Code = "CFR", Description = "Cost and Freight" },
        new() { Code = "CIF", Description = "Cost Insurance and Freight" },
        new() { Code = "EXW", Description = "Ex Warehouse" },
        new() { Code = "FOB", Description = "Free on Board" },
        new() { Code = "PICKUP", Description = "Pickup at Location" },
    ];

    internal static List<ShippingAgent> ShippingAgents() =>
    [
        new() { Code = "DHL", Name = "DHL Systems, Inc." },
        new() { Code = "FEDEX", Name = "Federal Express Corporation" },
        new() { Code = "UPS", Name = "UPS Europe" },
        new() { Code = "OWN LOG.", Name = "Own Logistics" },
    ];

    private static Customer Customer(string no, string name, string city, string country, string email, string phone,
        string address, string postCode, string contact, string salesperson = "JO", string currency = "",
        string paymentTerms = "30 DAYS", string shipmentMethod = "EXW", string shippingAgent = "", decimal creditLimit = 0,
        CustomerBlocked blocked = CustomerBlocked.None) => new()
    {
        No = no, Name = name, City = city, CountryRegionCode = country, Email = email, PhoneNo = phone,
        Address = address, PostCode = postCode, Contact = contact, SalespersonCode = salesperson, CurrencyCode = currency,
        PaymentTermsCode = paymentTerms, ShipmentMethodCode = shipmentMethod, ShippingAgentCode = shippingAgent,
        CreditLimitLcy = creditLimit, Blocked = blocked,
        HomePage = "www." + email[(email.IndexOf('@') + 1)..],
    };

    /// <summary>Local currency is EUR, so EUR customers have a blank Currency Code, as in BC.</summary>
    internal static List<Customer> Customers() =>
    [
        // The demo-data contract: do not change these eight.
        Customer("10000", "Adatum Corporation", "London", "GB", "robert.townes@adatum.example", "+44-20 7946 0010", "Station Road, 21", "WC1 3DG", "Robert Townes", currency: "GBP", creditLimit: 50000),
        Customer("20000", "Trey Research", "Atlanta", "US", "helen.ray@treyresearch.example", "+1 404 555 0120", "153 Thomas Drive", "31772", "Helen Ray", currency: "USD", shippingAgent: "FEDEX", creditLimit: 25000),
        Customer("30000", "School of Fine Art", "Miami", "US", "meagan.bond@fineart.example", "+1 305 555 0130", "10 Deerfield Road", "37125", "Meagan Bond", "OF", "USD"),
        Customer("40000", "Alpine Ski House", "Munich", "DE", "ian.deberry@alpineskihouse.example", "+49 89 555 0140", "Industriestrasse 2", "80331", "Ian Deberry", "OF", shippingAgent: "DHL", creditLimit: 10000),
        Customer("50000", "Relecloud", "Seattle", "US", "jesse.homer@relecloud.example", "+1 206 555 0150", "7 Pine Street", "98101", "Jesse Homer", currency: "USD"),
        Customer("60000", "Coho Winery", "Napa", "US", "ann.beebe@cohowinery.example", "+1 707 555 0160", "25 Vineyard Lane", "94558", "Ann Beebe", "PS", "USD", "14 DAYS"),
        Customer("70000", "Woodgrove Bank", "Amsterdam", "NL", "info@woodgrovebank.example", "+31 20 555 0170", "Herengracht 100", "1015 BS", "Dirk de Vries", paymentTerms: "1M(8D)", creditLimit: 100000),
        Customer("80000", "Tailspin Toys", "Antwerpen", "BE", "hello@tailspintoys.example", "+32 3 555 0180", "Meir 50", "2000", "Sofie Peeters", "OF", shippingAgent: "UPS"),
        // Filling the list.
        Customer("10100", "Blue Yonder Airlines", "Dublin", "IE", "sales@blueyonder.example", "+353 1 555 0101", "12 Harbour Road", "D02 X285", "Aoife Byrne"),
        Customer("10200", "City Power & Light", "Birmingham", "GB", "accounts@citypower.example", "+44 121 555 0102", "1 Broad Street", "B1 2HF", "Oliver Smith", currency: "GBP"),
        Customer("10300", "Contoso Retail", "Rotterdam", "NL", "inkoop@contosoretail.example", "+31 10 555 0103", "Coolsingel 40", "3011 AD", "Sanne Jansen"),
        Customer("10400", "Fourth Coffee", "Utrecht", "NL", "orders@fourthcoffee.example", "+31 30 555 0104", "Oudegracht 200", "3511 NR", "Lars Visser", "OF"),
        Customer("10500", "Humongous Insurance", "Chicago", "US", "facilities@humongous.example", "+1 312 555 0105", "500 Lake Shore Drive", "60611", "Grace Miller", "PS", "USD", creditLimit: 75000),
        Customer("10600", "Lamna Healthcare", "Copenhagen", "DK", "indkob@lamna.example", "+45 33 55 01 06", "Nyhavn 17", "1051", "Mette Nielsen", currency: "DKK"),
        Customer("10700", "Litware Furniture", "Stockholm", "SE", "info@litwarefurniture.example", "+46 8 555 0107", "Drottninggatan 5", "111 51", "Erik Lindqvist", currency: "SEK"),
        Customer("10800", "Margie's Travel", "Brussels", "BE", "office@margiestravel.example", "+32 2 555 0108", "Rue Neuve 9", "1000", "Margie Dupont", "OF"),
        Customer("10900", "Northwind Hotels", "Zürich", "CH", "einkauf@northwindhotels.example", "+41 44 555 0109", "Bahnhofstrasse 30", "8001", "Lukas Meier", currency: "CHF"),
        Customer("11000", "Proseware, Inc.", "Boston", "US", "it@proseware.example", "+1 617 555 0110", "1 Federal Street", "02110", "Nora Clark", "PS", "USD"),
        Customer("11100", "Southridge Video", "Manchester", "GB", "studio@southridge.example", "+44 161 555 0111", "22 Deansgate", "M3 2BW", "Harry Jones", currency: "GBP"),
        Customer("11200", "Wingtip Toys", "Eindhoven", "NL", "bestel@wingtiptoys.example", "+31 40 555 0112", "Stratumseind 8", "5611 ET", "Femke Bakker", "OF", shippingAgent: "DHL"),
        Customer("11300", "Adventure Works Retail", "Hamburg", "DE", "einkauf@adventureworks.example", "+49 40 555 0113", "Jungfernstieg 4", "20354", "Anna Schulz"),
        Customer("11400", "Graphic Design Studio", "Gent", "BE", "hallo@graphicstudio.example", "+32 9 555 0114", "Korenmarkt 3", "9000", "Jens Claes", paymentTerms: "14 DAYS"),
        Customer("11500", "Consolidated Messenger", "Paris", "FR", "achats@consolidated.example", "+33 1 55 50 11 50", "12 Rue de Rivoli", "75004", "Camille Martin", shipmentMethod: "CIF"),
        Customer("11600", "Kowalski Sport", "Warsaw", "PL", "biuro@kowalskisport.example", "+48 22 555 0116", "Nowy Swiat 15", "00-029", "Piotr Kowalski", "JO"),
        Customer("11700", "Fabrikam Residences", "Vienna", "AT", "office@fabrikamres.example", "+43 1 555 0117", "Graben 21", "1010", "Julia Gruber", blocked: CustomerBlocked.Ship),
        Customer("11800", "Olympia Ski Rentals", "Innsbruck", "AT", "rent@olympiaski.example", "+43 512 555 0118", "Maria-Theresien-Strasse 1", "6020", "Stefan Hofer", "OF", creditLimit: 5000),
        Customer("11900", "Bellows College", "Leiden", "NL", "inkoop@bellows.example", "+31 71 555 0119", "Rapenburg 70", "2311 EZ", "Pieter de Boer", paymentTerms: "60 DAYS"),
        Customer("12000", "Tasmanian Traders", "Hobart", "AU", "hello@tasmaniantraders.example", "+61 3 5550 1200", "Salamanca Place 77", "7000", "Olivia Brown", "PS", "USD", blocked: CustomerBlocked.All),
        Customer("12100", "VanArsdel, Ltd.", "Lyon", "FR", "contact@vanarsdel.example", "+33 4 55 50 12 10", "Place Bellecour 2", "69002", "Hugo Bernard"),
        Customer("12200", "The Cannon Group", "Den Haag", "NL", "info@cannongroup.example", "+31 70 555 0122", "Lange Voorhout 34", "2514 EE", "Emma Mulder", "JO", blocked: CustomerBlocked.Invoice),
    ];

    private static Vendor Vendor(string no, string name, string city, string country, string email, string phone,
        string address, string postCode, string contact, string purchaser = "PS", string currency = "",
        string paymentTerms = "30 DAYS", VendorBlocked blocked = VendorBlocked.None) => new()
    {
        No = no, Name = name, City = city, CountryRegionCode = country, Email = email, PhoneNo = phone,
        Address = address, PostCode = postCode, Contact = contact, PurchaserCode = purchaser, CurrencyCode = currency,
        PaymentTermsCode = paymentTerms, Blocked = blocked, HomePage = "www." + email[(email.IndexOf('@') + 1)..],
    };

    internal static List<Vendor> Vendors() =>
    [
        // The demo-data contract: do not change these four.
        Vendor("10000", "Fabrikam Inc.", "Atlanta", "US", "purchasing@fabrikam.example", "+1 404 555 1000", "51 Radcliff Street", "31772", "Mark Hanson", currency: "USD"),
        Vendor("20000", "First Up Consultants", "London", "GB", "office@firstupconsultants.example", "+44-20 7946 2000", "10 High Holborn", "WC1 2GS", "Lisa Taylor", currency: "GBP"),
        Vendor("30000", "Graphic Design Institute", "Brussels", "BE", "info@graphicdesigninstitute.example", "+32 2 555 3000", "Avenue Louise 120", "1050", "Tom Maes"),
        Vendor("40000", "Wide World Importers", "Rotterdam", "NL", "sales@wideworldimporters.example", "+31 10 555 4000", "Wilhelminakade 1", "3072 AP", "Kees van Dijk", "MD"),
        Vendor("50000", "Nod Publishers", "Oslo", "NO", "post@nodpublishers.example", "+47 22 55 50 00", "Karl Johans gate 3", "0154", "Ingrid Hansen"),
        Vendor("60000", "Lucerne Publishing", "Luzern", "CH", "verlag@lucernepublishing.example", "+41 41 555 6000", "Kapellgasse 7", "6004", "Marco Keller", currency: "CHF"),
        Vendor("70000", "Northwind Components", "Manchester", "GB", "supply@northwindcomponents.example", "+44 161 555 7000", "88 Oxford Road", "M1 5NH", "Amelia Wright", "MD", "GBP"),
        Vendor("80000", "Trey Office Supplies", "Arnhem", "NL", "verkoop@treyoffice.example", "+31 26 555 8000", "Jansplein 12", "6811 GD", "Bram Smit"),
        Vendor("90000", "Coho Logistics", "Antwerpen", "BE", "dispatch@coholog.example", "+32 3 555 9000", "Noorderlaan 147", "2030", "Wout Jacobs", paymentTerms: "14 DAYS"),
        Vendor("91000", "Datum Parts", "Aarhus", "DK", "salg@datumparts.example", "+45 86 55 91 00", "Strandvejen 12", "8000", "Jonas Larsen", currency: "DKK", blocked: VendorBlocked.Payment),
    ];

    /// <summary>A company contact per customer and vendor (with its business relation) and persons under some.</summary>
    internal static List<Contact> Contacts(IReadOnlyList<Customer> customers, IReadOnlyList<Vendor> vendors)
    {
        var contacts = new List<Contact>();
        var next = 100;
        string NextNo() => $"CT{next++:D6}";

        Contact Company(string name, string address, string postCode, string city, string country, string phone, string email, string homePage,
            BusinessRelation relation, string relationNo, string salesperson, string currency)
        {
            var no = NextNo();
            var company = new Contact
            {
                No = no, Type = ContactType.Company, CompanyNo = no, CompanyName = name, Name = name, Address = address,
                PostCode = postCode, City = city, CountryRegionCode = country, PhoneNo = phone, Email = email,
                HomePage = homePage, BusinessRelation = relation, BusinessRelationNo = relationNo, SalespersonCode = salesperson,
                CurrencyCode = currency,
            };
            contacts.Add(company);
            return company;
        }

        void Person(Contact company, string first, string surname, string jobTitle, string email, string phone)
        {
            contacts.Add(new Contact
            {
                No = NextNo(), Type = ContactType.Person, CompanyNo = company.No, CompanyName = company.Name,
                Name = $"{first} {surname}", FirstName = first, Surname = surname, JobTitle = jobTitle, Email = email,
                PhoneNo = phone, Address = company.Address, PostCode = company.PostCode, City = company.City,
                CountryRegionCode = company.CountryRegionCode, SalespersonCode = company.SalespersonCode,
            });
        }

        foreach (var c in customers)
        {
            var company = Company(c.Name, c.Address, c.PostCode, c.City, c.CountryRegionCode, c.PhoneNo, c.Email, c.HomePage,
                BusinessRelation.Customer, c.No, c.SalespersonCode, c.CurrencyCode);
            var parts = c.Contact.Split(' ', 2);
            Person(company, parts[0], parts.Length > 1 ? parts[1] : "", "Purchasing Manager", c.Email, c.PhoneNo);
        }

        foreach (var v in vendors)
        {
            var company = Company(v.Name, v.Address, v.PostCode, v.City, v.CountryRegionCode, v.PhoneNo, v.Email, v.HomePage,
                BusinessRelation.Vendor, v.No, v.PurchaserCode, v.CurrencyCode);
            var parts = v.Contact.Split(' ', 2);
            Person(company, parts[0], parts.Length > 1 ? parts[1] : "", "Sales Manager", v.Email, v.PhoneNo);
        }

        // A few more persons at the companies the emulator also knows, and a prospect company without relation.
        var adatum = contacts.First(c => c.BusinessRelationNo == "10000" && c.BusinessRelation == BusinessRelation.Customer);
        Person(adatum, "Jamie", "Reding", "Accountant", "jamie.reding@adatum.example", "+44-20 7946 0011");
        Person(adatum, "Alicia", "Thomber", "CEO", "alicia.thomber@adatum.example", "+44-20 7946 0012");
        var trey = contacts.First(c => c.BusinessRelationNo == "20000" && c.BusinessRelation == BusinessRelation.Customer);
        Person(trey, "Kevin", "Wright", "IT Manager", "kevin.wright@treyresearch.example", "+1 404 555 0121");
        var prospect = Company("Datum Consulting", "Keizersgracht 60", "1015 CS", "Amsterdam", "NL", "+31 20 555 0190",
            "info@datumconsulting.example", "www.datumconsulting.example", BusinessRelation.None, "", "JO", "");
        Person(prospect, "Sven", "Mortensen", "Partner", "sven.mortensen@datumconsulting.example", "+31 20 555 0191");
        return contacts;
    }

    private static Item Item(string no, string description, decimal unitPrice, decimal unitCost, string uom = "PCS",
        ItemType type = ItemType.Inventory, string vendorNo = "", decimal inventory = 0, bool blocked = false) => new()
    {
        No = no, Description = description, BaseUnitOfMeasure = uom, UnitPrice = unitPrice, UnitCost = unitCost,
        Type = type, VendorNo = vendorNo, Inventory = inventory, Blocked = blocked, GrossWeight = 0, UnitVolume = 0,
    };

    internal static List<Item> Items() =>
    [
        // The demo-data contract: do not change these six; 2000-S exists only in Dataverse on purpose.
        Item("1896-S", "ATHENS Desk", 1000.8m, 780.7m, vendorNo: "30000", inventory: 12),
        Item("1900-S", "PARIS Guest Chair, black", 192.8m, 150.4m, vendorNo: "10000", inventory: 40),
        Item("1906-S", "ATHENS Mobile Pedestal", 281.4m, 219.5m, vendorNo: "30000", inventory: 8),
        Item("1908-S", "LONDON Swivel Chair, blue", 190.1m, 148.3m, vendorNo: "20000", inventory: 25),
        Item("1920-S", "ANTWERP Conference Table", 649.4m, 506.5m, vendorNo: "30000", inventory: 4),
        Item("1928-S", "AMSTERDAM Lamp", 54.9m, 42.8m, vendorNo: "40000", inventory: 60),
        Item("1929-S", "AMSTERDAM Floor Lamp", 84.9m, 66.2m, vendorNo: "40000", inventory: 22),
        Item("1936-S", "BERLIN Guest Chair, yellow", 192.8m, 150.4m, vendorNo: "10000", inventory: 18),
        Item("1953-W", "Guest Section 1", 142.2m, 110.9m, inventory: 5),
        Item("1960-S", "ROME Guest Chair, green", 192.8m, 150.4m, vendorNo: "10000", inventory: 14),
        Item("1964-S", "TOKYO Guest Chair, blue", 192.8m, 150.4m, vendorNo: "10000", inventory: 9),
        Item("1965-W", "Conference Bundle 2-8", 1152.2m, 898.7m, inventory: 2),
        Item("1968-S", "MEXICO Swivel Chair, black", 190.1m, 148.3m, vendorNo: "20000", inventory: 31),
        Item("1969-W", "Conference Package 1", 3190.3m, 2488.4m, inventory: 1),
        Item("1972-S", "MUNICH Swivel Chair, yellow", 190.1m, 148.3m, vendorNo: "20000", inventory: 11),
        Item("1980-S", "MOSCOW Swivel Chair, red", 190.1m, 148.3m, vendorNo: "20000", inventory: 7, blocked: true),
        Item("1988-S", "SEOUL Guest Chair, red", 192.8m, 150.4m, vendorNo: "10000", inventory: 16),
        Item("1996-S", "ATLANTA Whiteboard, base", 1397.3m, 1089.9m, vendorNo: "30000", inventory: 3),
        Item("70000", "Side Panel", 28.3m, 22.1m, inventory: 150),
        Item("70001", "Base", 38.5m, 30m, inventory: 120),
        Item("SRV-INSTALL", "Installation Service", 95m, 60m, "HOUR", ItemType.Service),
    ];

    internal static List<Resource> Resources() =>
    [
        // The demo-data contract: do not change these four.
        new() { No = "KATHERINE", Name = "Katherine Hull", BaseUnitOfMeasure = "HOUR", UnitPrice = 100m, UnitCost = 62m, Capacity = 160 },
        new() { No = "LINDA", Name = "Linda Martin", BaseUnitOfMeasure = "HOUR", UnitPrice = 95m, UnitCost = 58m, Capacity = 160 },
        new() { No = "MARTY", Name = "Marty Horst", BaseUnitOfMeasure = "HOUR", UnitPrice = 90m, UnitCost = 55m, Capacity = 120 },
        new() { No = "TERRY", Name = "Terry Dodds", BaseUnitOfMeasure = "HOUR", UnitPrice = 80m, UnitCost = 50m, Capacity = 160 },
        new() { No = "LIFT", Name = "Lift for Furniture", Type = ResourceType.Machine, BaseUnitOfMeasure = "HOUR", UnitPrice = 45m, UnitCost = 20m, Capacity = 80 },
        new() { No = "VAN", Name = "Delivery Van", Type = ResourceType.Machine, BaseUnitOfMeasure = "HOUR", UnitPrice = 60m, UnitCost = 30m, Capacity = 80 },
        new() { No = "MARK", Name = "Mark Hanson", BaseUnitOfMeasure = "HOUR", UnitPrice = 85m, UnitCost = 52m, Capacity = 160, Blocked = true },
    ];
}
