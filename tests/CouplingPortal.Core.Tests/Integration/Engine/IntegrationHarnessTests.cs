using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Engine;

/// <summary>The engine's shared pieces on each provider: the harness itself, the table filter as SQL, the mapping's Dataverse query.</summary>
public abstract class MappedRecordsTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHarness_GivesDefaultMappings_DemoCustomers_AndAnEmulatorWithThisCompany()
    {
        await using var harness = await IntegrationHarness.StartAsync(database);
        await using var db = harness.Db();
        Assert.Equal(DefaultMappings.Names.Count, await db.IntegrationTableMappings.CountAsync(Ct));
        Assert.True(await db.Customers.CountAsync(Ct) > 5);
        Assert.NotNull(await harness.Client.RetrieveAsync(DataverseTable.Companies, IntegrationHarness.CompanyId, ct: Ct));
    }

    [Fact]
    public async Task TheLocalTableFilter_RunsInTheDatabase_WithBcSemantics()
    {
        await using var harness = await IntegrationHarness.StartAsync(database);
        await using var db = harness.Db();
        var all = await db.Customers.AsNoTracking().ToListAsync(Ct);
        var filters = new[]
        {
            new RecordFilter(new FilterCondition(nameof(Customer.Blocked), FilterOperator.Equal, "None")),
            new RecordFilter(new FilterCondition(nameof(Customer.CountryRegionCode), FilterOperator.Equal, "us", "GB")),
            new RecordFilter(new FilterCondition(nameof(Customer.Name), FilterOperator.Contains, "SKI")),
            new RecordFilter(new FilterCondition(nameof(Customer.Name), FilterOperator.StartsWith, "a"),
                new FilterCondition(nameof(Customer.City), FilterOperator.NotEqual, "london")),
            new RecordFilter(new FilterCondition(nameof(Customer.CurrencyCode), FilterOperator.IsEmpty)),
            new RecordFilter(new FilterCondition(nameof(Customer.No), FilterOperator.GreaterThanOrEqual, "30000")),
        };
        foreach (var filter in filters)
        {
            var expected = all.Where(c => LocalFilterEvaluator.Matches(LocalTable.Customer, filter, c)).Select(c => c.SystemId).Order().ToList();
            var actual = (await LocalRecordQuery.Query(db, LocalTable.Customer, filter).Select(c => c.SystemId).ToListAsync(Ct)).Order().ToList();
            Assert.True(expected.Count > 0 && expected.Count < all.Count, $"{filter} should select some but not all demo customers");
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task TheMappingsQuery_ReadsOnlyRowsOfThisCompanyOrUnclaimed_WithTheEngineColumns()
    {
        await using var harness = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);
        await using var db = harness.Db();
        var customer = await db.IntegrationTableMappings.Include(m => m.FieldMappings).SingleAsync(m => m.Name == DefaultMappings.Customer, Ct);
        var rows = await harness.Client.QueryAsync(MappedRows.Query(customer), ct: Ct).ToListAsync(Ct);
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, r => r.GetString("name") == "Coho Winery");
        Assert.All(rows, r => Assert.Equal(3, r.GetInt32("customertypecode") ?? 3));
        Assert.All(rows, r => Assert.True(r.Has("modifiedon") && r.Has("_modifiedby_value") && r.Has("_bcbi_companyid_value")));
    }
}

public sealed class SqliteMappedRecordsTests(SqliteDatabaseFixture database) : MappedRecordsTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresMappedRecordsTests(PostgresDatabaseFixture database) : MappedRecordsTests(database), IClassFixture<PostgresDatabaseFixture>;
