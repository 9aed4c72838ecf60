namespace CouplingPortal.Dataverse.Querying;

/// <summary>
/// A table as the Web API addresses it: entity set name (accounts) and primary key column (accountid).
/// A plain string converts by Dataverse's naming rule (accounts → accountid, transactioncurrencies → transactioncurrencyid).
/// </summary>
public sealed record DataverseTable
{
    public DataverseTable(string entitySetName, string primaryKey)
    {
        EntitySetName = ODataLiteral.Name(entitySetName);
        PrimaryKey = ODataLiteral.Name(primaryKey);
    }

    public string EntitySetName { get; }
    public string PrimaryKey { get; }

    public static DataverseTable Accounts { get; } = new("accounts", "accountid");
    public static DataverseTable Contacts { get; } = new("contacts", "contactid");
    public static DataverseTable Products { get; } = new("products", "productid");
    public static DataverseTable SystemUsers { get; } = new("systemusers", "systemuserid");
    public static DataverseTable TransactionCurrencies { get; } = new("transactioncurrencies", "transactioncurrencyid");
    public static DataverseTable Companies { get; } = new("bcbi_companies", "bcbi_companyid");

    public static DataverseTable FromEntitySet(string entitySetName)
    {
        var logical = entitySetName.EndsWith("ies", StringComparison.Ordinal) ? entitySetName[..^3] + "y"
            : entitySetName.EndsWith("ses", StringComparison.Ordinal) ? entitySetName[..^2]
            : entitySetName.EndsWith('s') ? entitySetName[..^1]
            : entitySetName;
        return new DataverseTable(entitySetName, logical + "id");
    }

    public static implicit operator DataverseTable(string entitySetName) => FromEntitySet(entitySetName);

    public override string ToString() => EntitySetName;
}
