using System.Globalization;
using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.BulkCoupling;

/// <summary>What the bulk insert and couple wizard shows for a table: its mapping and the uncoupled records in the table filter.</summary>
public sealed record BulkCouplingCandidates(LocalTable Table, string? MappingName, SyncDirection? Direction, IReadOnlyList<Guid> UncoupledSystemIds);

/// <summary>
/// Bulk insert and couple (the seed's section "Bulk insert en koppelen"): "Open in Excel" writes the uncoupled records
/// of a table's mapping (in its table filter) as an .xlsx a Dataverse import accepts: Dataverse column logical names as
/// headers for the mapped fields that are sent to Dataverse, <c>bcbi_companyid</c> filled with this company's id, and
/// the type code the mapping's integration table filter needs (customertypecode 3 / 11, producttypecode 1 / 3).
/// Lookup fields translated through couplings are left out: an import file cannot name a row by our code.
/// </summary>
public sealed class DataverseImportWorkbook(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The tables the seed's procedure exports.</summary>
    public static readonly IReadOnlyList<LocalTable> Tables = [LocalTable.Customer, LocalTable.Vendor, LocalTable.Item, LocalTable.Resource];

    public const string CompanyColumn = "bcbi_companyid";

    /// <summary>The default mapping of a table (CUSTOMER, VENDOR, ITEM-PRODUCT, RESOURCE-PRODUCT), else the table's first mapping.</summary>
    public static string DefaultMappingName(LocalTable table) => table switch
    {
        LocalTable.Customer => DefaultMappings.Customer,
        LocalTable.Vendor => DefaultMappings.Vendor,
        LocalTable.Item => DefaultMappings.ItemProduct,
        LocalTable.Resource => DefaultMappings.ResourceProduct,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Bulk insert and couple covers customers, vendors, items and resources."),
    };

    /// <summary>The type code a new row of this table needs to pass its mapping's integration table filter.</summary>
    public static (string Column, int Value) TypeCode(LocalTable table) => table switch
    {
        LocalTable.Customer => ("customertypecode", 3),
        LocalTable.Vendor => ("customertypecode", 11),
        LocalTable.Item => ("producttypecode", 1),
        LocalTable.Resource => ("producttypecode", 3),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Bulk insert and couple covers customers, vendors, items and resources."),
    };

    /// <summary>The table's mapping and its uncoupled records in the table filter, in key order.</summary>
    public async Task<BulkCouplingCandidates> CandidatesAsync(LocalTable table, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await MappingAsync(db, table, ct);
        if (mapping is null) return new(table, null, null, []);
        var records = await UncoupledAsync(db, mapping, ct);
        return new(table, mapping.Name, mapping.Direction, [.. records.Select(r => r.SystemId)]);
    }

    /// <summary>Writes the workbook of <paramref name="table"/> to <paramref name="output"/>; returns the number of data rows.</summary>
    public async Task<int> WriteAsync(LocalTable table, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await MappingAsync(db, table, ct)
            ?? throw new InvalidOperationException($"There is no integration table mapping for {table}.");
        var companyId = await db.DataverseConnectionSetup.AsNoTracking()
            .Where(s => s.Id == DataverseConnectionSetup.SingletonId).Select(s => (Guid?)s.CompanyId).SingleOrDefaultAsync(ct)
            ?? DataverseConnectionSetup.DefaultCompanyId;
        var records = await UncoupledAsync(db, mapping, ct);

        var (typeColumn, typeValue) = TypeCode(table);
        var fields = mapping.FieldMappings
            .Where(f => f.AppliesTo(SyncDirection.ToIntegrationTable) && !string.IsNullOrEmpty(f.DataverseColumn) && !string.IsNullOrEmpty(f.LocalField)
                && f.LookupTranslation == LookupTranslation.None && LocalTables.Field(table, f.LocalField!) is not null
                && f.DataverseColumn != typeColumn && f.DataverseColumn != CompanyColumn)
            .OrderBy(f => f.LineNo)
            .GroupBy(f => f.DataverseColumn!, StringComparer.Ordinal).Select(g => g.First())
            .ToList();

        var headers = new List<string>(fields.Select(f => f.DataverseColumn!)) { typeColumn, CompanyColumn };
        var rows = records.Select(r =>
        {
            var cells = new List<object?>(fields.Select(f => Transform(f, LocalTables.GetValue(table, r, f.LocalField!)))) { typeValue, companyId.ToString("D") };
            return cells;
        }).ToList();

        Write(output, mapping.DataverseTable, headers, rows);
        return rows.Count;
    }

    private static async Task<IntegrationTableMapping?> MappingAsync(PortalDbContext db, LocalTable table, CancellationToken ct)
    {
        var name = DefaultMappingName(table);
        return await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings).FirstOrDefaultAsync(m => m.Name == name, ct)
            ?? await db.IntegrationTableMappings.AsNoTracking().Include(m => m.FieldMappings)
                .Where(m => m.LocalTable == table && m.Kind == MappingKind.Table).OrderBy(m => m.Name).FirstOrDefaultAsync(ct);
    }

    private static async Task<List<MasterRecord>> UncoupledAsync(PortalDbContext db, IntegrationTableMapping mapping, CancellationToken ct)
    {
        var coupled = db.Couplings.Where(c => c.LocalTable == mapping.LocalTable).Select(c => c.LocalSystemId);
        var records = await LocalRecordQuery.ForMapping(db, mapping).Where(r => !coupled.Contains(r.SystemId)).ToListAsync(ct);
        var key = LocalTables.KeyField(mapping.LocalTable);
        return [.. records.OrderBy(r => LocalTables.GetValue(mapping.LocalTable, r, key) as string, StringComparer.Ordinal)];
    }

    private static object? Transform(IntegrationFieldMapping field, object? value) => value is string s
        ? field.Transformation switch
        {
            FieldTransformation.Uppercase => s.ToUpperInvariant(),
            FieldTransformation.Lowercase => s.ToLowerInvariant(),
            FieldTransformation.Trim => s.Trim(),
            _ => s,
        }
        : field.Transformation == FieldTransformation.NegativeToZero && value is decimal d && d < 0 ? 0m : value;

    private static void Write(Stream output, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<List<object?>> rows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(Row(1, headers.Cast<object?>()));
        for (var i = 0; i < rows.Count; i++)
            data.Append(Row((uint)(i + 2), rows[i]));
        worksheetPart.Worksheet = new Worksheet(data);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = sheetName });
        workbookPart.Workbook.Save();
    }

    private static Row Row(uint index, IEnumerable<object?> values)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in values)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            row.Append(value switch
            {
                null => new Cell { CellReference = reference },
                decimal or int or long or double => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.Number,
                    CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                },
                bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
                DateTime dt => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(dt.ToString("O", CultureInfo.InvariantCulture))) },
                _ => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            });
        }
        return row;
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
