using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.BulkCoupling;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Core.Tests.Integration.BulkCoupling;

/// <summary>"Open in Excel" of bulk insert and couple: the produced file is opened with OpenXml and read back.</summary>
public sealed class DataverseImportWorkbookTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        await services.GetRequiredService<DefaultSynchronizationSetup>().ApplyAsync(null, DataverseConnectionSetup.DefaultCompanyId, Ct);
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    private PortalDbContext Db() => services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    private async Task<List<List<string>>> ExportAsync(LocalTable table)
    {
        using var stream = new MemoryStream();
        var count = await services.GetRequiredService<DataverseImportWorkbook>().WriteAsync(table, stream, Ct);
        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).ToList()).ToList();
        Assert.Equal(count + 1, rows.Count);
        return rows;
    }

    private static string Value(List<List<string>> rows, List<string> row, string column) => row[rows[0].IndexOf(column)];

    [Fact]
    public async Task Customers_AreExportedWithDataverseColumnNames_TheCompanyId_AndCustomerTypeCode3()
    {
        var rows = await ExportAsync(LocalTable.Customer);

        Assert.Contains("name", rows[0]);
        Assert.Contains("address1_city", rows[0]);
        Assert.Contains("emailaddress1", rows[0]);
        Assert.Equal(["customertypecode", "bcbi_companyid"], rows[0][^2..]);
        // Lookups translated through couplings cannot be named in an import file.
        Assert.DoesNotContain("transactioncurrencyid", rows[0]);
        var trey = rows.Single(r => Value(rows, r, "name") == "Trey Research");
        Assert.Equal("Atlanta", Value(rows, trey, "address1_city"));
        Assert.Equal("helen.ray@treyresearch.example", Value(rows, trey, "emailaddress1"));
        Assert.Equal("3", Value(rows, trey, "customertypecode"));
        Assert.Equal(DataverseConnectionSetup.DefaultCompanyId.ToString("D"), Value(rows, trey, "bcbi_companyid"));
    }

    [Fact]
    public async Task CoupledCustomers_AndCustomersOutsideTheTableFilter_AreLeftOut()
    {
        await using (var db = Db())
        {
            var adatum = await db.Customers.SingleAsync(c => c.No == "10000", Ct);
            db.Couplings.Add(new Coupling
            {
                Id = Guid.NewGuid(), MappingName = DefaultMappings.Customer, LocalTable = LocalTable.Customer, LocalSystemId = adatum.SystemId,
                DataverseTable = "account", DataverseId = Guid.NewGuid(), CoupledAt = DateTime.UtcNow,
            });
            var trey = await db.Customers.SingleAsync(c => c.No == "20000", Ct);
            trey.Blocked = CustomerBlocked.All;
            await db.SaveChangesAsync(Ct);
        }

        var rows = await ExportAsync(LocalTable.Customer);
        var candidates = await services.GetRequiredService<DataverseImportWorkbook>().CandidatesAsync(LocalTable.Customer, Ct);

        var names = rows.Skip(1).Select(r => Value(rows, r, "name")).ToList();
        Assert.DoesNotContain("Adatum Corporation", names);
        Assert.DoesNotContain("Trey Research", names);
        Assert.Contains("School of Fine Art", names);
        await using var check = Db();
        Assert.Equal(await check.Customers.CountAsync(c => c.Blocked == CustomerBlocked.None, Ct) - 1, names.Count);
        Assert.Equal(names.Count, candidates.UncoupledSystemIds.Count);
        Assert.Equal(DefaultMappings.Customer, candidates.MappingName);
    }

    [Theory]
    [InlineData(LocalTable.Vendor, "customertypecode", "11", "Fabrikam Inc.")]
    [InlineData(LocalTable.Item, "producttypecode", "1", "ATHENS Desk")]
    [InlineData(LocalTable.Resource, "producttypecode", "3", "Katherine Hull")]
    public async Task VendorsItemsAndResources_CarryTheTypeCodeTheirMappingFilterNeeds(LocalTable table, string typeColumn, string typeValue, string name)
    {
        var rows = await ExportAsync(table);

        Assert.Contains(typeColumn, rows[0]);
        Assert.Contains("name", rows[0]);
        Assert.True(rows.Count > 1);
        Assert.All(rows.Skip(1), r => Assert.Equal(typeValue, Value(rows, r, typeColumn)));
        Assert.All(rows.Skip(1), r => Assert.Equal(DataverseConnectionSetup.DefaultCompanyId.ToString("D"), Value(rows, r, "bcbi_companyid")));
        Assert.Contains(rows.Skip(1), r => Value(rows, r, "name") == name);
    }

    [Fact]
    public void ColumnNames_FollowExcelsLettering()
    {
        Assert.Equal(["A", "Z", "AA", "AZ", "BA"], new[] { 0, 25, 26, 51, 52 }.Select(DataverseImportWorkbook.ColumnName));
    }
}
