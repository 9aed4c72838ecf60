using CouplingPortal.Core.Integration.BulkCoupling;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Web.Components.Pages.Dataverse;

/// <summary>
/// "Open in Excel" of bulk insert and couple: GET /dataverse/excel/{table} (customer, vendor, item, resource) downloads
/// the uncoupled records of the table's mapping as an .xlsx for Dataverse's Import Data wizard. A GET that changes
/// nothing, so no antiforgery token is needed; signed-in users only.
/// </summary>
public static class ExcelExportEndpoint
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Url(LocalTable table) => "/dataverse/excel/" + table.ToString().ToLowerInvariant();

    public static IEndpointRouteBuilder MapDataverseExcelExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dataverse/excel/{table}", async (string table, DataverseImportWorkbook workbook, CancellationToken ct) =>
        {
            if (!Enum.TryParse<LocalTable>(table, ignoreCase: true, out var localTable) || !DataverseImportWorkbook.Tables.Contains(localTable))
                return Results.NotFound();
            var stream = new MemoryStream();
            try
            {
                await workbook.WriteAsync(localTable, stream, ct);
            }
            catch (InvalidOperationException)
            {
                await stream.DisposeAsync();
                return Results.NotFound();
            }
            stream.Position = 0;
            return Results.File(stream, ContentType, $"{localTable}-dataverse-import.xlsx");
        }).RequireAuthorization();
        return app;
    }
}
