using System.Net;

namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>A failure answered in Dataverse's error shape: {"error":{"code":"0x…","message":"…"}}.</summary>
internal sealed class DataverseException(HttpStatusCode status, string code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>Dataverse's error codes and messages (reference §6.3).</summary>
internal static class DataverseErrors
{
    public const string ObjectDoesNotExist = "0x80040217";
    public const string ConcurrencyVersionMismatch = "0x80060882";
    public const string DuplicateRecord = "0x80040237";
    public const string DuplicateRecordEntityKey = "0x80060892";
    public const string ODataSyntax = "0x80060888";
    public const string Validation = "0x80044331";
    public const string PicklistValueOutOfRange = "0x8004431A";
    public const string InvalidArgument = "0x80040203";
    public const string OrderByColumnsMustBeUnique = "0x80048d16";
    public const string ChangeTrackingNotEnabled = "0x80072491";
    public const string ExpiredVersionStamp = "0x80044352";
    public const string ThrottlingRequests = "0x80072322";
    public const string ThrottlingTime = "0x80072321";
    public const string ThrottlingConcurrency = "0x80072326";
    public const string Unexpected = "0x80040216";

    public static DataverseException NotFound(string logicalName, Guid id) =>
        new(HttpStatusCode.NotFound, ObjectDoesNotExist, $"Entity '{logicalName}' With Id = {id} Does Not Exist");

    public static DataverseException NotFoundByKey(string logicalName, string keyText) =>
        new(HttpStatusCode.NotFound, ObjectDoesNotExist, $"A record with the specified key values does not exist in {logicalName} entity ({keyText})");

    public static DataverseException BadRequest(string message, string code = ODataSyntax) =>
        new(HttpStatusCode.BadRequest, code, message);

    public static DataverseException UnknownProperty(string property, string typeName) =>
        BadRequest($"Could not find a property named '{property}' on type '{typeName}'.");

    public static DataverseException ResourceNotFound(string segment) =>
        new(HttpStatusCode.NotFound, ODataSyntax, $"Resource not found for the segment '{segment}'.");

    public static DataverseException VersionMismatch() =>
        new(HttpStatusCode.PreconditionFailed, ConcurrencyVersionMismatch, "The version of the existing record doesn't match the RowVersion property provided.");

    public static DataverseException AlreadyExists() =>
        new(HttpStatusCode.PreconditionFailed, DuplicateRecord, "A record with matching key values already exists.");

    public static DataverseException DuplicateKey() =>
        new(HttpStatusCode.PreconditionFailed, DuplicateRecord, "Cannot insert duplicate key.");

    public static DataverseException MethodNotAllowed(string method) =>
        new(HttpStatusCode.MethodNotAllowed, ODataSyntax, $"The request method '{method}' is not allowed for this resource.");
}
