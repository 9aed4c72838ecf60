using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Actions;

/// <summary>Open from Dataverse (BC's CRM Redirect, bc-coupling.md §5): opened, imported and coupled, or refused with the reason.</summary>
public abstract class DataverseOpenActionsTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> AccountAsync(IntegrationHarness h, string name)
    {
        var rows = await h.Client.QueryAsync(DataverseQuery.From(DataverseTable.Accounts).Select("accountid").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        return Assert.Single(rows).GetId(DataverseTable.Accounts);
    }

    [Fact]
    public async Task ACoupledAccount_OpensItsCustomer()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        await using var db = h.Db();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.No == "10000", Ct);
        var account = await AccountAsync(h, "Adatum Corporation");
        await h.Get<CouplingActions>().SetUpCouplingAsync(LocalTable.Customer, customer.SystemId, account, false, SynchronizeAfterCoupling.No, "alice", Ct);

        var result = await h.Get<DataverseOpenActions>().OpenAsync("account", account.ToString("B"), "alice", Ct);

        Assert.True(result.Found);
        Assert.False(result.Imported);
        Assert.Equal((LocalTable.Customer, customer.SystemId), (result.Table!.Value, result.SystemId!.Value));
    }

    [Fact]
    public async Task AnUncoupledAccount_IsRefusedWithTheReason_WhileTheMappingSynchronizesOnlyCoupledRecords()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var account = await AccountAsync(h, "Contoso Pharmaceuticals");

        var result = await h.Get<DataverseOpenActions>().OpenAsync("account", account.ToString(), "alice", Ct);

        Assert.False(result.Found);
        Assert.Contains("the CUSTOMER mapping does not create records from Dataverse", result.Message);
        await using var db = h.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Name == "Contoso Pharmaceuticals", Ct));
    }

    [Fact]
    public async Task AnUncoupledAccount_IsImportedAsACustomerAndCoupled_WhenTheMappingAllowsIt_AndAVendorAccountBecomesAVendor()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        await using (var db = h.Db())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer || m.Name == DefaultMappings.Vendor)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SynchOnlyCoupledRecords, false), Ct);
        }
        // Currencies first, as the dependency order requires: the accounts' currency lookups translate through CURRENCY.
        var currencies = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest { MappingName = DefaultMappings.Currency }, ct: Ct);
        Assert.True(currencies.Job.Coupled > 0);
        var customerAccount = await AccountAsync(h, "Contoso Pharmaceuticals");
        var vendorAccount = await AccountAsync(h, "Wide World Importers".ToUpperInvariant());

        var customer = await h.Get<DataverseOpenActions>().OpenAsync("account", customerAccount.ToString(), "alice", Ct);
        var vendor = await h.Get<DataverseOpenActions>().OpenAsync("account", vendorAccount.ToString(), "alice", Ct);
        var again = await h.Get<DataverseOpenActions>().OpenAsync("account", customerAccount.ToString(), "alice", Ct);

        Assert.True(customer.Found, customer.Message);
        Assert.True(customer.Imported);
        Assert.Equal(LocalTable.Customer, customer.Table);
        Assert.True(vendor.Found, vendor.Message);
        Assert.Equal(LocalTable.Vendor, vendor.Table);
        Assert.False(again.Imported);
        Assert.Equal(customer.SystemId, again.SystemId);
        await using var check = h.Db();
        Assert.Equal("Contoso Pharmaceuticals", (await check.Customers.SingleAsync(c => c.SystemId == customer.SystemId, Ct)).Name);
        // The imported row is claimed for this company.
        var row = await h.Client.RetrieveAsync(DataverseTable.Accounts, customerAccount, ["_bcbi_companyid_value"], Ct);
        Assert.Equal(IntegrationHarness.CompanyId, row!.GetLookupId("bcbi_companyid"));
    }

    [Fact]
    public async Task AnImportThatFails_IsRefusedWithTheEnginesReason()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        await using (var db = h.Db())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Customer)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SynchOnlyCoupledRecords, false), Ct);
        }

        // No currency is coupled yet, so the account's currency cannot be translated.
        var result = await h.Get<DataverseOpenActions>().OpenAsync("account", (await AccountAsync(h, "Contoso Pharmaceuticals")).ToString(), "alice", Ct);

        Assert.False(result.Found);
        Assert.StartsWith("Coupled record not found.", result.Message);
        Assert.Contains("is not coupled to a record of Currency", result.Message);
    }

    [Fact]
    public async Task ABadLink_AndAnotherCompanysRow_AreRefusedWithAClearMessage()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        var open = h.Get<DataverseOpenActions>();

        var bad = await open.OpenAsync("account", "not-a-guid", "alice", Ct);
        var unknown = await open.OpenAsync("salesorder", Guid.NewGuid().ToString(), "alice", Ct);
        var other = await open.OpenAsync("account", (await AccountAsync(h, "Coho Winery")).ToString(), "alice", Ct);

        Assert.StartsWith("The link is not in the expected form", bad.Message);
        Assert.StartsWith("The link is not in the expected form", unknown.Message);
        Assert.Contains("is outside the integration table filter of every mapping of account", other.Message);
    }
}

public sealed class SqliteDataverseOpenActionsTests(SqliteDatabaseFixture database) : DataverseOpenActionsTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDataverseOpenActionsTests(PostgresDatabaseFixture database) : DataverseOpenActionsTests(database), IClassFixture<PostgresDatabaseFixture>;
