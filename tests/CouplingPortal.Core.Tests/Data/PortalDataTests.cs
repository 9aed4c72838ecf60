using CouplingPortal.Core.Data;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Data;

/// <summary>
/// The data layer's behaviour, run on every provider: the concrete classes below only pick the database fixture.
/// Tests share the class database (migrated and seeded); each uses its own record numbers.
/// </summary>
public abstract class PortalDataTests(DatabaseFixture database) : IAsyncDisposable
{
    private readonly ServiceProvider _services = DatabaseFixture.BuildServices(database.Settings);

    /// <summary>A short token unique to this test, for record numbers and search terms.</summary>
    protected readonly string Token = "T" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected CustomerService Customers => _services.GetRequiredService<CustomerService>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private Customer NewCustomer(string suffix, string name, string city = "Amsterdam") =>
        new() { No = $"{Token}-{suffix}", Name = name, City = city, CountryRegionCode = "NL" };

    // ---------- migrations and demo data

    [Fact]
    public async Task Migrations_AreAllApplied_AtStartUp()
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.Equal(database.Provider == "Sqlite" ? typeof(SqlitePortalDbContext) : typeof(PostgresPortalDbContext), db.GetType());
    }

    [Fact]
    public async Task Migrations_UpgradeADatabaseCreatedByTheFirstMigrationThatHasRows()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().First(), Ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Customers\" (\"SystemId\", \"No\", \"Name\", \"City\", \"SystemCreatedAt\", \"SystemModifiedAt\", \"CreditLimitLcy\", \"Blocked\") " +
                "VALUES ('0F8FAD5B-D9CB-469F-A165-70867728950E', 'OLD-1', 'Old Ski Row', 'Oslo', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 0, 0)", Ct);
        }

        await services.InitializeDatabaseAsync(Ct);

        var found = await services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 10, Search: "old SKI"), Ct);
        Assert.Equal(["OLD-1"], found.Items.Select(c => c.No));
        Assert.Equal(1, found.TotalCount);
    }

    [Fact]
    public async Task FirstStart_OnEmptyDatabase_SeedsTheCronusDemoCompany()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());

        await services.InitializeDatabaseAsync(Ct);

        var customers = services.GetRequiredService<CustomerService>();
        var adatum = await customers.GetByNoAsync("10000", Ct);
        Assert.NotNull(adatum);
        Assert.Equal(("Adatum Corporation", "London", "GB", "robert.townes@adatum.example", "+44-20 7946 0010"),
            (adatum.Name, adatum.City, adatum.CountryRegionCode, adatum.Email, adatum.PhoneNo));
        Assert.InRange((await customers.ListAsync(new ListRequest(0, 10), Ct)).TotalCount, 24, 60);
        Assert.Equal("Wide World Importers", (await services.GetRequiredService<VendorService>().GetByNoAsync("40000", Ct))?.Name);
        Assert.Equal(54.9m, (await services.GetRequiredService<ItemService>().GetByNoAsync("1928-S", Ct))?.UnitPrice);
        Assert.Null(await services.GetRequiredService<ItemService>().GetByNoAsync("2000-S", Ct));
        var lookups = services.GetRequiredService<SetupLookupService>();
        Assert.Equal(["DKK", "EUR", "GBP", "USD"], (await lookups.GetCurrenciesAsync(Ct)).Select(c => c.Code).Where(c => c is "EUR" or "USD" or "GBP" or "DKK"));
        Assert.Contains(await lookups.GetSalespeoplePurchasersAsync(Ct), s => s is { Code: "JO", Description: "Jim Olive" });

        var contacts = services.GetRequiredService<ContactService>();
        var adatumCompany = (await contacts.ListAsync(new ListRequest(0, 5, Filters: new Dictionary<string, string?>
        {
            ["BusinessRelation"] = "Customer", ["BusinessRelationNo"] = "10000",
        }), Ct)).Items.Single();
        Assert.Equal(ContactType.Company, adatumCompany.Type);
        var persons = await contacts.ListAsync(new ListRequest(0, 10, Filters: new Dictionary<string, string?>
        {
            ["CompanyNo"] = adatumCompany.No, ["Type"] = "Person",
        }), Ct);
        Assert.True(persons.TotalCount >= 2);
        Assert.All(persons.Items, p => Assert.Equal("Adatum Corporation", p.CompanyName));
    }

    [Fact]
    public async Task Start_OnDatabaseWithData_DoesNotSeedAgain()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.MigrateAsync(Ct);
            db.Currencies.Add(new Currency { Code = "EUR", Description = "Euro" });
            await db.SaveChangesAsync(Ct);
        }

        await services.InitializeDatabaseAsync(Ct);
        await services.InitializeDatabaseAsync(Ct);

        Assert.Equal(0, (await services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 10), Ct)).TotalCount);
        Assert.Single(await services.GetRequiredService<SetupLookupService>().GetCurrenciesAsync(Ct));
    }

    [Fact]
    public async Task SecondStart_AfterSeeding_LeavesTheDemoDataAsItWas()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        var before = (await services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 1), Ct)).TotalCount;

        await services.InitializeDatabaseAsync(Ct);

        Assert.Equal(before, (await services.GetRequiredService<CustomerService>().ListAsync(new ListRequest(0, 1), Ct)).TotalCount);
    }

    [Fact]
    public async Task HealthCheck_IsHealthy_WhenTheDatabaseAnswers()
    {
        var check = ActivatorUtilities.CreateInstance<PortalDatabaseHealthCheck>(_services);

        var result = await check.CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    // ---------- system fields

    [Fact]
    public async Task Insert_StampsSystemIdAndCreatedAndModifiedAtInUtc()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);

        var result = await Customers.SaveAsync(NewCustomer("1", "Stamp Test"), Ct);

        Assert.True(result.Succeeded);
        var stored = await Customers.GetByNoAsync($"{Token}-1", Ct);
        Assert.NotNull(stored);
        Assert.NotEqual(Guid.Empty, stored.SystemId);
        Assert.Equal(result.Record!.SystemId, stored.SystemId);
        Assert.Equal(stored.SystemCreatedAt, stored.SystemModifiedAt);
        Assert.InRange(stored.SystemModifiedAt, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(DateTimeKind.Utc, stored.SystemModifiedAt.Kind);
    }

    [Fact]
    public async Task Update_AdvancesSystemModifiedAt_AndKeepsSystemCreatedAt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var services = DatabaseFixture.BuildServices(database.Settings, clock);
        var customers = services.GetRequiredService<CustomerService>();
        var created = (await customers.SaveAsync(NewCustomer("1", "Before"), Ct)).Record!;
        clock.Advance(TimeSpan.FromMinutes(5));
        var card = (await customers.GetAsync(created.SystemId, Ct))!;
        card.Name = "After";
        card.SystemCreatedAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.True((await customers.SaveAsync(card, Ct)).Succeeded);

        var stored = (await customers.GetAsync(created.SystemId, Ct))!;
        Assert.Equal("After", stored.Name);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), stored.SystemCreatedAt);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 5, 0, DateTimeKind.Utc), stored.SystemModifiedAt);
    }

    [Fact]
    public async Task SaveWithoutChanges_LeavesSystemModifiedAtAlone()
    {
        var created = (await Customers.SaveAsync(NewCustomer("1", "Unchanged"), Ct)).Record!;

        Assert.True((await Customers.SaveAsync((await Customers.GetAsync(created.SystemId, Ct))!, Ct)).Succeeded);

        Assert.Equal(created.SystemModifiedAt, (await Customers.GetAsync(created.SystemId, Ct))!.SystemModifiedAt);
    }

    [Fact]
    public async Task SystemModifiedAt_StrictlyIncreases_WhenTheClockStandsStill()
    {
        var frozen = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var services = DatabaseFixture.BuildServices(database.Settings, frozen);
        var customers = services.GetRequiredService<CustomerService>();
        var saved = new List<Guid>();
        for (var i = 0; i < 5; i++)
            saved.Add((await customers.SaveAsync(NewCustomer($"{i}", $"Frozen {i}"), Ct)).Record!.SystemId);
        var first = (await customers.GetAsync(saved[0], Ct))!;
        first.Name = "Frozen 0 changed";
        await customers.SaveAsync(first, Ct);

        // Read back in the database's order of SystemModifiedAt: the watermark query the sync engine makes.
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var stamps = await db.Customers.AsNoTracking()
            .Where(c => c.No.StartsWith(Token))
            .OrderBy(c => c.SystemModifiedAt)
            .Select(c => new { c.SystemId, c.SystemModifiedAt })
            .ToListAsync(Ct);
        Assert.Equal([saved[1], saved[2], saved[3], saved[4], saved[0]], stamps.Select(s => s.SystemId));
        Assert.Equal(stamps.Count, stamps.Select(s => s.SystemModifiedAt).Distinct().Count());
        Assert.All(stamps, s => Assert.InRange(s.SystemModifiedAt,
            new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 12, 0, 1, DateTimeKind.Utc)));
        var watermark = stamps[2].SystemModifiedAt;
        Assert.Equal([saved[4], saved[0]], await db.Customers.AsNoTracking()
            .Where(c => c.No.StartsWith(Token) && c.SystemModifiedAt > watermark)
            .OrderBy(c => c.SystemModifiedAt).Select(c => c.SystemId).ToListAsync(Ct));
    }

    // ---------- validation

    [Theory]
    [InlineData("en-US", "No. '{0}' already exists.")]
    [InlineData("nl-NL", "Nr. '{0}' bestaat al.")]
    public async Task DuplicateNo_IsRefusedWithAFieldErrorInTheUsersLanguage(string culture, string expected)
    {
        await Customers.SaveAsync(NewCustomer("1", "Original"), Ct);
        using var _ = new CultureScope(culture);

        var result = await Customers.SaveAsync(NewCustomer("1", "Copy"), Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Record);
        Assert.Equal([string.Format(expected, $"{Token}-1")], result.FieldErrors["No"]);
        Assert.Equal("Original", (await Customers.GetByNoAsync($"{Token}-1", Ct))!.Name);
    }

    [Fact]
    public async Task TwoUsersSavingTheSameNewNo_OneWins_TheOtherGetsAFieldError()
    {
        var first = DatabaseFixture.BuildServices(database.Settings);
        var second = DatabaseFixture.BuildServices(database.Settings);
        await using (first)
        await using (second)
        {
            Customer[] cards = [NewCustomer("1", "First user"), NewCustomer("1", "Second user")];
            var results = await Task.WhenAll(
                first.GetRequiredService<CustomerService>().SaveAsync(cards[0], Ct),
                second.GetRequiredService<CustomerService>().SaveAsync(cards[1], Ct));

            Assert.Single(results, r => r.Succeeded);
            Assert.Single(results, r => !r.Succeeded && r.FieldErrors.ContainsKey("No"));
            Assert.Equal(1, (await Customers.ListAsync(new ListRequest(0, 10, Search: $"{Token}-1"), Ct)).TotalCount);

            // The loser corrects the No. on the same card and saves again.
            var loser = cards[Array.FindIndex(results, r => !r.Succeeded)];
            loser.No = $"{Token}-2";
            Assert.True((await Customers.SaveAsync(loser, Ct)).Succeeded);
        }
    }

    [Fact]
    public async Task VendorWithDuplicateNo_IsRefused_AndResourceWithoutName_IsRefused()
    {
        var vendors = _services.GetRequiredService<VendorService>();
        Assert.True((await vendors.SaveAsync(new Vendor { No = $"{Token}-V", Name = "Supplier" }, Ct)).Succeeded);

        var duplicate = await vendors.SaveAsync(new Vendor { No = $"{Token}-V", Name = "Other supplier" }, Ct);
        var nameless = await _services.GetRequiredService<ResourceService>()
            .SaveAsync(new Resource { No = $"{Token}-R" }, Ct);

        Assert.Equal([$"No. '{Token}-V' already exists."], duplicate.FieldErrors["No"]);
        Assert.Equal(["Name must have a value."], nameless.FieldErrors["Name"]);
    }

    [Fact]
    public async Task NoDifferingOnlyInCase_CountsAsTheSameNo()
    {
        await Customers.SaveAsync(NewCustomer("ab", "Original"), Ct);

        var result = await Customers.SaveAsync(new Customer { No = $"{Token.ToLowerInvariant()}-AB", Name = "Copy" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("No", result.FieldErrors.Keys);
    }

    [Theory]
    [InlineData("en-US", "No. must have a value.", "Name must have a value.")]
    [InlineData("nl-NL", "Nr. moet een waarde hebben.", "Naam moet een waarde hebben.")]
    public async Task MissingNoAndName_AreRefusedAndNothingIsSaved(string culture, string noMessage, string nameMessage)
    {
        var before = (await Customers.ListAsync(new ListRequest(0, 1), Ct)).TotalCount;
        using var _ = new CultureScope(culture);

        var result = await Customers.SaveAsync(new Customer { No = " ", Name = "", City = "Utrecht" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([noMessage], result.FieldErrors["No"]);
        Assert.Equal([nameMessage], result.FieldErrors["Name"]);
        Assert.Equal(before, (await Customers.ListAsync(new ListRequest(0, 1), Ct)).TotalCount);
    }

    [Theory]
    [InlineData("en-US", "Name can be at most 100 characters long; it is 101.", "Email is not a valid email address: 'not-an-address'.",
        "Home Page is not a valid web address: 'ftp://files.example'.", "Credit Limit (LCY) must not be negative.")]
    [InlineData("nl-NL", "Naam mag maximaal 100 tekens lang zijn; het is 101.", "E-mail is geen geldig e-mailadres: 'not-an-address'.",
        "Startpagina is geen geldig webadres: 'ftp://files.example'.", "Kredietlimiet (LV) mag niet negatief zijn.")]
    public async Task BadFieldValues_AreRefusedWithTheFieldsCaptionAndNothingIsSaved(
        string culture, string nameMessage, string emailMessage, string homePageMessage, string creditLimitMessage)
    {
        using var _ = new CultureScope(culture);
        var customer = NewCustomer("1", new string('x', 101));
        customer.Email = "not-an-address";
        customer.HomePage = "ftp://files.example";
        customer.CreditLimitLcy = -1;

        var result = await Customers.SaveAsync(customer, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([nameMessage], result.FieldErrors["Name"]);
        Assert.Equal([emailMessage], result.FieldErrors["Email"]);
        Assert.Equal([homePageMessage], result.FieldErrors["HomePage"]);
        Assert.Equal([creditLimitMessage], result.FieldErrors["CreditLimitLcy"]);
        Assert.Null(await Customers.GetByNoAsync($"{Token}-1", Ct));
    }

    [Fact]
    public async Task WellFormedEmailListAndWebAddressWithoutScheme_AreAccepted()
    {
        var customer = NewCustomer("1", "Formats");
        customer.Email = "a@b.example; c.d@e.example";
        customer.HomePage = "www.formats.example";

        Assert.True((await Customers.SaveAsync(customer, Ct)).Succeeded);
    }

    [Fact]
    public async Task UnknownSetupCode_IsRefused()
    {
        var customer = NewCustomer("1", "Codes");
        customer.CurrencyCode = "xyz";
        customer.SalespersonCode = "JO";

        var result = await Customers.SaveAsync(customer, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(["Currency Code 'XYZ' does not exist."], result.FieldErrors["CurrencyCode"]);
        Assert.DoesNotContain("SalespersonCode", result.FieldErrors.Keys);
    }

    [Fact]
    public async Task ItemWithoutDescription_IsRefused()
    {
        var result = await _services.GetRequiredService<ItemService>().SaveAsync(new Item { No = $"{Token}-I", UnitPrice = 5 }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(["Description must have a value."], result.FieldErrors["Description"]);
    }

    [Fact]
    public async Task PersonContact_TakesItsCompanyNameAndBuildsItsName()
    {
        var contacts = _services.GetRequiredService<ContactService>();
        var company = await contacts.SaveAsync(new Contact { No = $"{Token}-C", Type = ContactType.Company, Name = "Parent Company BV",
            BusinessRelation = BusinessRelation.Customer, BusinessRelationNo = "10000" }, Ct);
        Assert.True(company.Succeeded);

        var person = await contacts.SaveAsync(new Contact { No = $"{Token}-P", Type = ContactType.Person, CompanyNo = $"{Token}-C",
            FirstName = "Anna", Surname = "de Wit" }, Ct);

        Assert.True(person.Succeeded);
        Assert.Equal(("Anna de Wit", "Parent Company BV"), (person.Record!.Name, person.Record.CompanyName));
        Assert.Equal($"{Token}-C", company.Record!.CompanyNo);
    }

    [Fact]
    public async Task CompanyContact_RelatedToAnUnknownCustomer_IsRefused()
    {
        var result = await _services.GetRequiredService<ContactService>().SaveAsync(new Contact { No = $"{Token}-C",
            Type = ContactType.Company, Name = "Nobody's Company", BusinessRelation = BusinessRelation.Customer, BusinessRelationNo = "NOPE" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(["Business Relation No. 'NOPE' does not exist."], result.FieldErrors["BusinessRelationNo"]);
    }

    // ---------- card operations

    [Fact]
    public async Task CardEdit_IsSavedAndFoundByNo()
    {
        var created = (await Customers.SaveAsync(NewCustomer("1", "Card Before"), Ct)).Record!;
        var card = (await Customers.GetByNoAsync($"{Token.ToLowerInvariant()}-1", Ct))!;
        card.City = "Haarlem";
        card.Blocked = CustomerBlocked.Invoice;

        var result = await Customers.SaveAsync(card, Ct);

        Assert.True(result.Succeeded);
        var stored = (await Customers.GetAsync(created.SystemId, Ct))!;
        Assert.Equal(("Haarlem", CustomerBlocked.Invoice), (stored.City, stored.Blocked));
    }

    [Fact]
    public async Task Delete_RemovesTheRecord_AndSavingTheOpenCardThenSaysItWasDeleted()
    {
        var created = (await Customers.SaveAsync(NewCustomer("1", "To Delete"), Ct)).Record!;
        var openCard = (await Customers.GetAsync(created.SystemId, Ct))!;

        Assert.True(await Customers.DeleteAsync(created.SystemId, Ct));
        Assert.False(await Customers.DeleteAsync(created.SystemId, Ct));
        Assert.Null(await Customers.GetAsync(created.SystemId, Ct));

        openCard.Name = "Edited after delete";
        var result = await Customers.SaveAsync(openCard, Ct);
        Assert.False(result.Succeeded);
        Assert.Contains(SaveResult<Customer>.GeneralErrorKey, result.FieldErrors.Keys);
        Assert.Null(await Customers.GetAsync(created.SystemId, Ct));
    }

    // ---------- lists

    private async Task SaveListFixtureAsync()
    {
        (string Suffix, string Name, string City, CustomerBlocked Blocked)[] rows =
        [
            ("05", $"{Token} Delta Ski Rentals", "Zwolle", CustomerBlocked.None),
            ("01", $"{Token} Alpha Traders", "Breda", CustomerBlocked.None),
            ("04", $"{Token} Echo Systems", "Apeldoorn", CustomerBlocked.All),
            ("02", $"{Token} Charlie SKIING", "Delft", CustomerBlocked.None),
            ("03", $"{Token} Bravo Foods", "Emmen", CustomerBlocked.Ship),
        ];
        foreach (var (suffix, name, city, blocked) in rows)
        {
            var customer = NewCustomer(suffix, name, city);
            customer.Blocked = blocked;
            Assert.True((await Customers.SaveAsync(customer, Ct)).Succeeded);
        }
    }

    [Fact]
    public async Task List_PagesInNoOrderByDefault_WithTheTotalCount()
    {
        await SaveListFixtureAsync();

        var first = await Customers.ListAsync(new ListRequest(0, 2, Search: Token), Ct);
        var third = await Customers.ListAsync(new ListRequest(2, 2, Search: Token), Ct);

        Assert.Equal(5, first.TotalCount);
        Assert.Equal([$"{Token}-01", $"{Token}-02"], first.Items.Select(c => c.No));
        Assert.Equal([$"{Token}-05"], third.Items.Select(c => c.No));
    }

    [Fact]
    public async Task List_SortsByNameAndByCityDescending()
    {
        await SaveListFixtureAsync();

        var byName = await Customers.ListAsync(new ListRequest(0, 10, Search: Token, SortBy: "Name"), Ct);
        var byCityDescending = await Customers.ListAsync(new ListRequest(0, 3, Search: Token, SortBy: "city", Descending: true), Ct);

        Assert.Equal(["01", "03", "02", "05", "04"], byName.Items.Select(c => c.No[^2..]));
        Assert.Equal(["Zwolle", "Emmen", "Delft"], byCityDescending.Items.Select(c => c.City));
        Assert.Equal(5, byCityDescending.TotalCount);
    }

    [Fact]
    public async Task List_SearchIgnoresCase_AndLooksInNameCityAndNo()
    {
        await SaveListFixtureAsync();

        var nameCase = await Customers.ListAsync(new ListRequest(0, 10, Search: $"{Token.ToLowerInvariant()} DELTA ski"), Ct);
        var skiAnywhere = await Customers.ListAsync(new ListRequest(0, 10, Search: "sKi",
            Filters: new Dictionary<string, string?> { ["City"] = "Zwolle" }), Ct);
        var byCity = await Customers.ListAsync(new ListRequest(0, 10, Search: "EMMEN", Filters: new Dictionary<string, string?> { ["No"] = $"{Token}-03" }), Ct);
        var byNo = await Customers.ListAsync(new ListRequest(0, 10, Search: $"{Token}-04".ToLowerInvariant()), Ct);

        Assert.Equal([$"{Token}-05"], nameCase.Items.Select(c => c.No));
        Assert.Contains(skiAnywhere.Items, c => c.No == $"{Token}-05");
        Assert.Equal([$"{Token}-03"], byCity.Items.Select(c => c.No));
        Assert.Equal([$"{Token}-04"], byNo.Items.Select(c => c.No));
    }

    [Fact]
    public async Task List_SearchTreatsWildcardsLiterally()
    {
        await SaveListFixtureAsync();

        var percent = await Customers.ListAsync(new ListRequest(0, 10, Search: $"{Token}%Ski"), Ct);
        var underscore = await Customers.ListAsync(new ListRequest(0, 10, Search: $"{Token}-0_"), Ct);

        Assert.Equal(0, percent.TotalCount);
        Assert.Equal(0, underscore.TotalCount);
    }

    [Fact]
    public async Task List_FiltersByBlocked()
    {
        await SaveListFixtureAsync();

        var blocked = await Customers.ListAsync(new ListRequest(0, 10, Search: Token, Filters: new Dictionary<string, string?> { ["Blocked"] = "all" }), Ct);
        var notBlocked = await Customers.ListAsync(new ListRequest(0, 10, Search: Token, Filters: new Dictionary<string, string?> { ["blocked"] = "0", ["City"] = "" }), Ct);

        Assert.Equal([$"{Token}-04"], blocked.Items.Select(c => c.No));
        Assert.Equal([$"{Token}-01", $"{Token}-02", $"{Token}-05"], notBlocked.Items.Select(c => c.No));
    }

    [Fact]
    public async Task List_RejectsUnknownSortFieldsFiltersAndValues()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Customers.ListAsync(new ListRequest(0, 10, SortBy: "Name; DROP TABLE Customers"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Customers.ListAsync(new ListRequest(0, 10, Filters: new Dictionary<string, string?> { ["Secret"] = "x" }), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Customers.ListAsync(new ListRequest(0, 10, Filters: new Dictionary<string, string?> { ["Blocked"] = "Maybe" }), Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Customers.ListAsync(new ListRequest(-1, 10), Ct));
    }

    [Fact]
    public async Task ContactList_FiltersByContactType()
    {
        var contacts = _services.GetRequiredService<ContactService>();

        var persons = await contacts.ListAsync(new ListRequest(0, 200, Filters: new Dictionary<string, string?> { ["Type"] = "Person" }), Ct);
        var companies = await contacts.ListAsync(new ListRequest(0, 200, Filters: new Dictionary<string, string?> { ["Type"] = "Company" }), Ct);

        Assert.NotEmpty(persons.Items);
        Assert.NotEmpty(companies.Items);
        Assert.All(persons.Items, c => Assert.Equal(ContactType.Person, c.Type));
        Assert.All(companies.Items, c => Assert.Equal(ContactType.Company, c.Type));
    }

    // ---------- generator

    [Fact]
    public async Task Generator_InsertsTheRequestedCustomers_WithStampedSystemFields()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        var customers = services.GetRequiredService<CustomerService>();
        var seeded = (await customers.ListAsync(new ListRequest(0, 1), Ct)).TotalCount;

        var inserted = await services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(1_500, ct: Ct);
        await services.GetRequiredService<DemoDataGenerator>().GenerateCustomersAsync(10, ct: Ct);

        Assert.Equal(1_500, inserted);
        Assert.Equal(seeded + 1_510, (await customers.ListAsync(new ListRequest(0, 1), Ct)).TotalCount);
        var last = await customers.GetByNoAsync("GC001510", Ct);
        Assert.NotNull(last);
        Assert.Equal(last.SystemId, (await customers.GetAsync(last.SystemId, Ct))?.SystemId);
        Assert.True(last.SystemModifiedAt > (await customers.GetByNoAsync("GC000001", Ct))!.SystemModifiedAt);
        Assert.True((await customers.SaveAsync(last, Ct)).Succeeded);
    }
}

public sealed class SqlitePortalDataTests(SqliteDatabaseFixture database)
    : PortalDataTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresPortalDataTests(PostgresDatabaseFixture database)
    : PortalDataTests(database), IClassFixture<PostgresDatabaseFixture>;
