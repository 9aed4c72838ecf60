namespace CouplingPortal.Dataverse.Errors;

/// <summary>Dataverse platform error codes worth a switch (reference §6.3), in the hex form the Web API returns.</summary>
public static class DataverseErrorCodes
{
    public const string ObjectDoesNotExist = "0x80040217";
    public const string PrivilegeDenied = "0x80040220";
    public const string DuplicateRecord = "0x80040237";
    public const string ConcurrencyVersionMismatch = "0x80060882";
    public const string DuplicateRecordEntityKey = "0x80060892";
    public const string ValidationFailed = "0x80044331";
    public const string PicklistValueOutOfRange = "0x8004431A";
    public const string ChangeTrackingNotEnabled = "0x80072491";
    public const string ExpiredVersionStamp = "0x80044352";
    public const string ThrottlingRequests = "0x80072322";
    public const string ThrottlingExecutionTime = "0x80072321";
    public const string ThrottlingConcurrency = "0x80072326";
    public const string GenericSqlError = "0x80044150";

    // ServiceClient compares the decimal form; accept both (reference §6.3 notes).
    private static readonly Dictionary<string, string> DecimalToHex = new(StringComparer.Ordinal)
    {
        ["-2147015902"] = ThrottlingRequests,
        ["-2147015903"] = ThrottlingExecutionTime,
        ["-2147015898"] = ThrottlingConcurrency,
        ["-2147220969"] = ObjectDoesNotExist,
        ["-2147088254"] = ConcurrencyVersionMismatch,
        ["-2147220937"] = DuplicateRecord,
        ["-2147088238"] = DuplicateRecordEntityKey,
        ["-2147204784"] = GenericSqlError,
        ["-2147204270"] = ExpiredVersionStamp,
    };

    /// <summary>Upper-case hex form ("0x8004..."), whatever form the server used; empty stays null.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        if (DecimalToHex.TryGetValue(code, out var hex))
        {
            return hex;
        }

        if (code.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return "0x" + code[2..].ToUpperInvariant();
        }

        return int.TryParse(code, out var value) ? "0x" + value.ToString("X8") : code;
    }
}
