using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Customers;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.DemoData;

/// <summary>Creates large volumes of plausible customers for benchmarks and list tests.</summary>
public sealed class DemoDataGenerator(IDbContextFactory<PortalDbContext> dbFactory, SystemStampClock clock)
{
    /// <summary>Generated customers are numbered GC000001, GC000002, ... after the highest one already there.</summary>
    public const string CustomerNoPrefix = "GC";

    private const int BatchSize = 10_000;

    private static readonly string[] NameFirst =
    [
        "Alpine", "Northern", "Blue", "Golden", "Silver", "Coastal", "Urban", "Royal", "Prime", "Green", "Summit", "Harbor",
        "Nordic", "Pacific", "Atlas", "Crystal", "Delta", "Evergreen", "Falcon", "Granite", "Horizon", "Iron", "Jade", "Kowalski",
        "Lakeside", "Maple", "Oak", "Pioneer", "Quantum", "River", "Sunrise", "Titan", "Valley", "Westfield", "Zenith", "Ski",
    ];

    private static readonly string[] NameSecond =
    [
        "Traders", "Furniture", "Consulting", "Logistics", "Ski Shop", "Hotels", "Bakery", "Motors", "Systems", "Textiles",
        "Foods", "Design", "Supplies", "Outfitters", "Electronics", "Printing", "Builders", "Pharmacy", "Garden Center", "Studios",
    ];

    private static readonly (string City, string Country, string PostCode)[] Cities =
    [
        ("Amsterdam", "NL", "1012 AB"), ("Rotterdam", "NL", "3011 AD"), ("Utrecht", "NL", "3511 NR"), ("Antwerpen", "BE", "2000"),
        ("Brussels", "BE", "1000"), ("London", "GB", "WC1 3DG"), ("Manchester", "GB", "M3 2BW"), ("Munich", "DE", "80331"),
        ("Hamburg", "DE", "20354"), ("Paris", "FR", "75004"), ("Lyon", "FR", "69002"), ("Copenhagen", "DK", "1051"),
        ("Stockholm", "SE", "111 51"), ("Vienna", "AT", "1010"), ("Innsbruck", "AT", "6020"), ("Zurich", "CH", "8001"),
        ("Atlanta", "US", "31772"), ("Seattle", "US", "98101"), ("Miami", "US", "33101"), ("Chicago", "US", "60611"),
        ("Warsaw", "PL", "00-029"), ("Dublin", "IE", "D02 X285"), ("Oslo", "NO", "0154"), ("Madrid", "ES", "28013"),
    ];

    private static readonly string[] Salespeople = ["JO", "OF", "PS", ""];

    /// <summary>
    /// Inserts <paramref name="count"/> customers in batches (one transaction per batch), so memory stays
    /// flat whatever the count. Returns the number inserted.
    /// </summary>
    public async Task<int> GenerateCustomersAsync(int count, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var start = await NextGeneratedNumberAsync(ct);
        var random = new Random(start);
        var inserted = 0;
        while (inserted < count)
        {
            var size = Math.Min(BatchSize, count - inserted);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = new List<Customer>(size);
            for (var i = 0; i < size; i++)
                batch.Add(NewCustomer(start + inserted + i, random));
            await BulkInserter.InsertAsync(db, batch, clock, ct);
            inserted += size;
            progress?.Report(inserted);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.AfterBulkLoadAsync(db.Model.FindEntityType(typeof(Customer))!.GetTableName()!, ct);
        return inserted;
    }

    private async Task<int> NextGeneratedNumberAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var highest = await db.Customers.AsNoTracking()
            .Where(c => c.No.StartsWith(CustomerNoPrefix))
            .OrderByDescending(c => c.No)
            .Select(c => c.No)
            .FirstOrDefaultAsync(ct);
        return highest is not null && int.TryParse(highest.AsSpan(CustomerNoPrefix.Length), out var n) ? n + 1 : 1;
    }

    private static Customer NewCustomer(int number, Random random)
    {
        var first = NameFirst[random.Next(NameFirst.Length)];
        var second = NameSecond[random.Next(NameSecond.Length)];
        var (city, country, postCode) = Cities[random.Next(Cities.Length)];
        var domain = $"{first}{second}".Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() + number + ".example";
        return new Customer
        {
            No = $"{CustomerNoPrefix}{number:D6}",
            Name = $"{first} {second} {number}",
            Address = $"{random.Next(1, 300)} Market Street",
            PostCode = postCode,
            City = city,
            CountryRegionCode = country,
            Contact = "Purchasing Department",
            PhoneNo = $"+00 {random.Next(100, 999)} {random.Next(1000, 9999)}",
            Email = $"info@{domain}",
            HomePage = $"www.{domain}",
            SalespersonCode = Salespeople[random.Next(Salespeople.Length)],
            PaymentTermsCode = "30 DAYS",
            CreditLimitLcy = random.Next(0, 20) * 5_000,
            Blocked = random.Next(50) == 0 ? CustomerBlocked.All : CustomerBlocked.None,
        };
    }
}
