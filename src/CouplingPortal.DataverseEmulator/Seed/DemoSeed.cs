using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.Seed;

/// <summary>
/// Demo rows that give coupling real work against the portal's CRONUS demo data (see the demo-data contract):
/// some equal to portal records, some differing only in case or in details, some only in Dataverse, duplicates,
/// vendors, a row claimed by another company, inactive rows and a prospect. Ids are stable across restarts.
/// Rows are created by "Jim Olive", not by the integration user, so echo suppression does not hide them.
/// </summary>
public static class DemoSeed
{
    public static readonly Guid CronusCompanyId = new("3c2a1b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    public static readonly Guid FabrikamCompanyId = new("7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a");
    public static readonly Guid JimOliveUserId = StableId("systemuser:Jim Olive");

    /// <summary>A stable id derived from a name, so seeded rows keep their ids across restarts.</summary>
    public static Guid StableId(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes("CouplingPortal.DataverseEmulator:" + name)));

    internal static void SeedIfEmpty(DataverseStore store, DataverseEmulatorOptions options)
    {
        if (store.Count("accounts") > 0 || store.Count("systemusers") > 0) return;
        store.Write(tx =>
        {
            void Add(string set, string idName, JsonObject row)
            {
                var table = store.TableBySet(set)!;
                row[table.Definition.PrimaryIdAttribute] = StableId(table.Definition.LogicalName + ":" + idName).ToString("D");
                var payload = store.Writer.ReadPayload(tx, table.Definition, row, null);
                store.Writer.Create(tx, table, payload, JimOliveUserId);
            }
            void AddWithId(string set, Guid id, JsonObject row)
            {
                var table = store.TableBySet(set)!;
                row[table.Definition.PrimaryIdAttribute] = id.ToString("D");
                var payload = store.Writer.ReadPayload(tx, table.Definition, row, null);
                store.Writer.Create(tx, table, payload, JimOliveUserId);
            }
            string Ref(string set, string logicalName, string idName) => $"/{set}({StableId(logicalName + ":" + idName):D})";

            AddWithId("systemusers", options.IntegrationUserId, new JsonObject
            {
                ["firstname"] = "#", ["lastname"] = "Business Central", ["internalemailaddress"] = "bc-integration@cronus.example",
                ["applicationid"] = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", ["isintegrationuser"] = true, ["islicensed"] = false,
                ["accessmode"] = 4, ["isdisabled"] = false,
            });
            AddWithId("systemusers", JimOliveUserId, new JsonObject
            {
                ["firstname"] = "Jim", ["lastname"] = "Olive", ["internalemailaddress"] = "jim.olive@cronus.example",
                ["domainname"] = "jim.olive@cronus.example", ["accessmode"] = 0, ["isintegrationuser"] = false, ["islicensed"] = true, ["isdisabled"] = false,
            });
            Add("systemusers", "Otis Falls", new JsonObject
            {
                ["firstname"] = "Otis", ["lastname"] = "Falls", ["internalemailaddress"] = "otis.falls@cronus.example",
                ["domainname"] = "otis.falls@cronus.example", ["accessmode"] = 0, ["isintegrationuser"] = false, ["islicensed"] = true, ["isdisabled"] = false,
            });

            AddWithId("bcbi_companies", CronusCompanyId, new JsonObject { ["bcbi_name"] = "CRONUS", ["bcbi_externalid"] = CronusCompanyId.ToString("D") });
            AddWithId("bcbi_companies", FabrikamCompanyId, new JsonObject { ["bcbi_name"] = "FABRIKAM NL", ["bcbi_externalid"] = FabrikamCompanyId.ToString("D") });

            Add("transactioncurrencies", "EUR", new JsonObject { ["isocurrencycode"] = "EUR", ["currencyname"] = "Euro", ["currencysymbol"] = "€", ["exchangerate"] = 1.0m, ["currencyprecision"] = 2 });
            Add("transactioncurrencies", "USD", new JsonObject { ["isocurrencycode"] = "USD", ["currencyname"] = "US Dollar", ["currencysymbol"] = "$", ["exchangerate"] = 1.08m, ["currencyprecision"] = 2 });
            Add("transactioncurrencies", "GBP", new JsonObject { ["isocurrencycode"] = "GBP", ["currencyname"] = "Pound Sterling", ["currencysymbol"] = "£", ["exchangerate"] = 0.85m, ["currencyprecision"] = 2 });

            foreach (var unit in new[] { "Default Unit", "PCS", "HOUR" })
            {
                var baseName = unit == "Default Unit" ? "Primary Unit" : unit;
                Add("uomschedules", unit, new JsonObject { ["name"] = unit, ["baseuomname"] = baseName });
                Add("uoms", unit, new JsonObject
                {
                    ["name"] = baseName, ["quantity"] = 1m, ["isschedulebaseuom"] = true,
                    ["uomscheduleid@odata.bind"] = Ref("uomschedules", "uomschedule", unit),
                });
            }

            var cronus = $"/bcbi_companies({CronusCompanyId:D})";
            var fabrikam = $"/bcbi_companies({FabrikamCompanyId:D})";
            var eur = Ref("transactioncurrencies", "transactioncurrency", "EUR");
            var usd = Ref("transactioncurrencies", "transactioncurrency", "USD");
            var gbp = Ref("transactioncurrencies", "transactioncurrency", "GBP");
            JsonObject Account(string name, string city, string country, string? email, string? phone, int type, string? currency = null, string? company = null, int state = 0)
            {
                var o = new JsonObject
                {
                    ["name"] = name, ["address1_city"] = city, ["address1_country"] = country, ["emailaddress1"] = email,
                    ["telephone1"] = phone, ["customertypecode"] = type, ["statecode"] = state,
                };
                if (currency is not null) o["transactioncurrencyid@odata.bind"] = currency;
                if (company is not null) o["bcbi_companyid@odata.bind"] = company;
                return o;
            }

            Add("accounts", "Adatum Corporation", Account("Adatum Corporation", "London", "GB", "robert.townes@adatum.example", "+44-20 7946 0010", 3, gbp, cronus));
            Add("accounts", "Trey Research", Account("Trey Research", "Atlanta", "US", "helen.ray@treyresearch.example", "+1 404 555 0120", 3, usd, cronus));
            Add("accounts", "SCHOOL OF FINE ART", Account("SCHOOL OF FINE ART", "Miami", "US", "meagan.bond@fineart.example", "+1 305 555 0130", 3, usd));
            Add("accounts", "Alpine Ski House", Account("Alpine Ski House", "München", "DE", "ian.deberry@alpineskihouse.example", "+49 89 555 0199", 3, eur));
            Add("accounts", "Contoso Pharmaceuticals", Account("Contoso Pharmaceuticals", "Boston", "US", "info@contoso.example", "+1 617 555 0101", 3, usd));
            Add("accounts", "Northwind Traders", Account("Northwind Traders", "Seattle", "US", "orders@northwind.example", "+1 206 555 0102", 3, usd));
            Add("accounts", "Litware, Inc.", Account("Litware, Inc.", "Dallas", "US", "sales@litware.example", "+1 214 555 0103", 3, usd));
            Add("accounts", "Relecloud 1", Account("Relecloud", "Seattle", "US", "jesse.homer@relecloud.example", "+1 206 555 0150", 3, usd));
            Add("accounts", "Relecloud 2", Account("Relecloud", "Redmond", "US", "info@relecloud.example", "+1 425 555 0151", 3, usd));
            Add("accounts", "Fabrikam Inc.", Account("Fabrikam Inc.", "Atlanta", "US", null, null, 11, usd));
            Add("accounts", "WIDE WORLD IMPORTERS", Account("WIDE WORLD IMPORTERS", "Rotterdam", "NL", null, null, 11, eur));
            Add("accounts", "Coho Winery", Account("Coho Winery", "Napa", "US", "ann.beebe@cohowinery.example", "+1 707 555 0160", 3, usd, fabrikam));
            Add("accounts", "Blue Yonder Airlines", Account("Blue Yonder Airlines", "Chicago", "US", "info@blueyonder.example", "+1 312 555 0104", 3, usd, state: 1));
            Add("accounts", "City Power & Light", Account("City Power & Light", "Denver", "US", "info@cpandl.example", "+1 303 555 0105", 3, usd, state: 1));
            Add("accounts", "Proseware, Inc.", Account("Proseware, Inc.", "Portland", "US", "hello@proseware.example", "+1 503 555 0106", 8, usd));

            JsonObject Contact(string first, string last, string email, string? phone, string? parentAccount)
            {
                var o = new JsonObject { ["firstname"] = first, ["lastname"] = last, ["emailaddress1"] = email, ["telephone1"] = phone };
                if (parentAccount is not null)
                {
                    o["parentcustomerid_account@odata.bind"] = Ref("accounts", "account", parentAccount);
                    o["bcbi_companyid@odata.bind"] = cronus;
                }
                return o;
            }
            Add("contacts", "Robert Townes", Contact("Robert", "Townes", "robert.townes@adatum.example", "+44-20 7946 0011", "Adatum Corporation"));
            Add("contacts", "Ann Beebe Adatum", Contact("Anna", "Lidman", "anna.lidman@adatum.example", "+44-20 7946 0012", "Adatum Corporation"));
            Add("contacts", "Helen Ray", Contact("Helen", "Ray", "helen.ray@treyresearch.example", "+1 404 555 0121", "Trey Research"));
            Add("contacts", "Kim Akers", Contact("Kim", "Akers", "kim.akers@example.com", null, null));

            JsonObject Product(string number, string name, int type, decimal price, string unit)
            {
                return new JsonObject
                {
                    ["productnumber"] = number, ["name"] = name, ["producttypecode"] = type, ["price"] = price, ["quantitydecimal"] = 0, ["statecode"] = 0,
                    ["transactioncurrencyid@odata.bind"] = eur,
                    ["defaultuomscheduleid@odata.bind"] = Ref("uomschedules", "uomschedule", unit),
                    ["defaultuomid@odata.bind"] = Ref("uoms", "uom", unit),
                };
            }
            Add("products", "1896-S", Product("1896-S", "ATHENS Desk", 1, 1000.8m, "PCS"));
            Add("products", "1900-S", Product("1900-S", "PARIS Guest Chair, black", 1, 192.8m, "PCS"));
            Add("products", "1908-S", Product("1908-S", "london swivel chair, blue", 1, 190.1m, "PCS"));
            Add("products", "KATHERINE", Product("KATHERINE", "Katherine Hull", 3, 100m, "HOUR"));
            Add("products", "2000-S", Product("2000-S", "SYDNEY Swivel Chair", 1, 250m, "PCS"));

            // Primary contacts point back at the contacts (the accounts exist first).
            var accounts = store.Table("account");
            foreach (var (accountName, contactName) in new[] { ("Adatum Corporation", "Robert Townes"), ("Trey Research", "Helen Ray") })
            {
                var account = accounts.Rows[StableId("account:" + accountName)];
                var payload = store.Writer.ReadPayload(tx, accounts.Definition,
                    new JsonObject { ["primarycontactid@odata.bind"] = Ref("contacts", "contact", contactName) }, null);
                store.Writer.Update(tx, accounts, account, payload, JimOliveUserId);
            }
            return 0;
        });
    }
}
