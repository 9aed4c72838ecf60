using System.Net;
using CouplingPortal.Core.Connection;
using CouplingPortal.Web.Components.Pages.Dataverse;
using CouplingPortal.Web.Tests.Hosting;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CouplingPortal.Web.Tests.Dataverse;

/// <summary>Open in Excel through the real portal over HTTP: signed-in users download the .xlsx, others are challenged.</summary>
public sealed class ExcelExportEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASignedInUser_DownloadsTheVendorsAsAnXlsx_WithCustomerTypeCode11AndTheCompanyId()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var client = factory.CreateBrowserlessClient(followRedirects: true);

        using var response = await client.GetAsync("/dataverse/excel/vendor", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExcelExportEndpoint.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Vendor-dataverse-import.xlsx", response.Content.Headers.ContentDisposition?.ToString());
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).ToList()).ToList();
        var header = rows[0];
        var fabrikam = rows.Single(r => r[header.IndexOf("name")] == "Fabrikam Inc.");
        Assert.Equal("11", fabrikam[header.IndexOf("customertypecode")]);
        Assert.Equal(DataverseConnectionSetup.DefaultCompanyId.ToString("D"), fabrikam[header.IndexOf("bcbi_companyid")]);
    }

    [Fact]
    public async Task AnUnknownTable_IsNotFound_AndAnAnonymousRequest_IsChallenged()
    {
        await using var factory = new PortalWebApplicationFactory("Development");
        using var anonymous = factory.CreateBrowserlessClient(followRedirects: false);
        using var challenged = await anonymous.GetAsync("/dataverse/excel/customer", Ct);
        Assert.NotEqual(HttpStatusCode.OK, challenged.StatusCode);
        Assert.NotEqual(ExcelExportEndpoint.ContentType, challenged.Content.Headers.ContentType?.MediaType);

        using var client = factory.CreateBrowserlessClient(followRedirects: true);
        using var unknown = await client.GetAsync("/dataverse/excel/salesperson", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
