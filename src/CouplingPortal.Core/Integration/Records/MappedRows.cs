using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Core.Integration.Records;

/// <summary>
/// The Dataverse side of a mapping: its table for the client, the query of its rows (integration table filter and
/// company filter, selecting only the columns the engine needs) and readable descriptions of both sides' records.
/// </summary>
public static class MappedRows
{
    /// <summary>The client's table (entity set and primary key) of a Dataverse logical name.</summary>
    public static DataverseTable Table(string logicalName) =>
        new(DataverseSchema.EntitySetName(logicalName), logicalName + "id");

    public static DataverseTable Table(IntegrationTableMapping mapping) => Table(mapping.DataverseTable);

    /// <summary>
    /// The columns a run reads: the primary key, every enabled field mapping's column (lookups as _x_value), the
    /// company column on company-scoped tables, modifiedon and modifiedby (conflicts, watermarks, echo suppression),
    /// and the row's name column for descriptions.
    /// </summary>
    public static IReadOnlyList<string> Columns(IntegrationTableMapping mapping)
    {
        var table = mapping.DataverseTable;
        var columns = new List<string> { table + "id" };
        foreach (var field in mapping.FieldMappings.Where(f => f.Status == FieldMappingStatus.Enabled && f.DataverseColumn is not null))
        {
            if (DataverseSchema.Column(table, field.DataverseColumn!) is { } column)
                columns.Add(column.PropertyName);
        }
        if (DataverseSchema.IsCompanyScoped(table))
            columns.Add(DataverseSchema.Column(table, DataverseSchema.CompanyIdColumn)!.PropertyName);
        if (NameColumn(table) is { } name)
            columns.Add(name);
        columns.Add("modifiedon");
        columns.Add("_modifiedby_value");
        return [.. columns.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The mapping's rows: integration table filter and company filter, the engine's columns; add more filters with Where.</summary>
    public static DataverseQuery Query(IntegrationTableMapping mapping)
    {
        var query = DataverseQuery.From(Table(mapping)).Select([.. Columns(mapping)]);
        return IntegrationTableFilterTranslator.ToDataverseFilter(mapping) is { } filter ? query.Where(filter) : query;
    }

    /// <summary>The column that names a row: name, fullname, isocurrencycode; null when the table has none the portal knows.</summary>
    public static string? NameColumn(string table) => table switch
    {
        "account" or "product" => "name",
        "contact" or "systemuser" => "fullname",
        "transactioncurrency" => "currencyname",
        _ => null,
    };

    /// <summary>"account Adatum Corporation", or the id when the row has no name.</summary>
    public static string Describe(string table, DataverseRow? row, Guid id) =>
        row is not null && NameColumn(table) is { } column && row.GetString(column) is { Length: > 0 } name ? $"{table} {name}" : $"{table} {id}";

    /// <summary>"Customer 10000 Adatum Corporation": the table, its key field and its name or description.</summary>
    public static string Describe(LocalTable table, MasterRecord record)
    {
        var key = LocalTables.GetValue(table, record, LocalTables.KeyField(table)) as string;
        var name = (LocalTables.Field(table, "Name") ?? LocalTables.Field(table, "Description"))?.GetValue(record) as string;
        return string.Join(' ', new[] { table.ToString(), key, name }.Where(s => !string.IsNullOrEmpty(s)));
    }
}
