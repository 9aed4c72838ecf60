using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Batching;

public sealed class BatchWireTests
{
    private static readonly Uri WebApi = new("https://org.crm4.dynamics.com/api/data/v9.2/");

    [Fact]
    public async Task Write_PutsChangeSetOperationsInANestedMultipartWithContentIds()
    {
        var id = Guid.Parse("11111111-2222-4333-8444-555555555555");
        var content = BatchWire.Write(WebApi,
        [
            new BatchChangeSet(
                BatchOperation.Create(DataverseTable.Accounts, new JsonObject { ["name"] = "A" }, id),
                BatchOperation.Update(DataverseTable.Accounts, id, new JsonObject { ["name"] = "B" }, "W/\"7\"")),
            BatchOperation.Get(DataverseQuery.From("accounts").Select("name").Top(1)),
        ], out var boundary);

        var text = await content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal($"multipart/mixed; boundary={boundary}", content.Headers.ContentType!.ToString());
        Assert.Contains("Content-Type: multipart/mixed; boundary=changeset_", text, StringComparison.Ordinal);
        Assert.Contains("Content-ID: 1\r\n\r\nPOST https://org.crm4.dynamics.com/api/data/v9.2/accounts HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"accountid\":\"{id}\"", text, StringComparison.Ordinal);
        Assert.Contains($"Content-ID: 2\r\n\r\nPATCH https://org.crm4.dynamics.com/api/data/v9.2/accounts({id}) HTTP/1.1\r\nIf-Match: W/\"7\"\r\n", text, StringComparison.Ordinal);
        Assert.Contains("GET https://org.crm4.dynamics.com/api/data/v9.2/accounts?$select=name&$top=1 HTTP/1.1", text, StringComparison.Ordinal);
        Assert.EndsWith($"--{boundary}--\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ParsesChangeSetResponsesAndBatchLevelErrors()
    {
        const string body =
            "--batchresponse_1\r\n" +
            "Content-Type: multipart/mixed; boundary=changesetresponse_2\r\n\r\n" +
            "--changesetresponse_2\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nOData-EntityId: https://org/api/data/v9.2/accounts(11111111-2222-4333-8444-555555555555)\r\n\r\n\r\n" +
            "--changesetresponse_2\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\n" +
            "HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\nETag: W/\"9\"\r\n\r\n{\"name\":\"B\"}\r\n" +
            "--changesetresponse_2--\r\n" +
            "--batchresponse_1\r\n" +
            "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{\"error\":{\"code\":\"0x80044331\",\"message\":\"too long\"}}\r\n" +
            "--batchresponse_1--\r\n";

        var parts = BatchWire.Read(body, "batchresponse_1");

        Assert.Equal(2, parts.Count);
        var changeset = parts[0].Nested!;
        Assert.Equal(2, changeset.Count);
        Assert.Equal(HttpStatusCode.NoContent, changeset[0].Status);
        Assert.Equal("1", changeset[0].ContentId);
        Assert.EndsWith("(11111111-2222-4333-8444-555555555555)", changeset[0].Headers["OData-EntityId"], StringComparison.Ordinal);
        Assert.Equal("W/\"9\"", changeset[1].Headers["ETag"]);
        Assert.Equal("{\"name\":\"B\"}", changeset[1].Body);
        Assert.Equal(HttpStatusCode.BadRequest, parts[1].Status);
        Assert.Contains("0x80044331", parts[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundaryOf_AcceptsQuotedBoundaries()
    {
        Assert.Equal("batchresponse_x", BatchWire.BoundaryOf("multipart/mixed; boundary=\"batchresponse_x\""));
    }
    [Fact]
    public void Read_DecodesUtf8Bodies_AndKeepsEachPartsOwnHeaderValues()
    {
        const string first = "https://org/api/data/v9.2/accounts(11111111-2222-4333-8444-555555555555)";
        const string second = "https://org/api/data/v9.2/accounts(66666666-7777-4888-9999-000000000000)";
        var body =
            "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            $"HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nLocation: {first}\r\nOData-EntityId: {first}\r\n\r\n" +
            "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            $"HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nLocation: {second}\r\nOData-EntityId: {second}\r\n\r\n" +
            "--batchresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 201 Created\r\nContent-Type: application/json; odata.metadata=minimal\r\n\r\n{\"name\":\"Müller & Søn 東京\"}\r\n" +
            "--batchresponse_1--\r\n";

        var parts = BatchWire.Read(body, "batchresponse_1");

        Assert.Equal(3, parts.Count);
        Assert.Equal(first, parts[0].Headers["Location"]);
        Assert.Equal(first, parts[0].Headers["OData-EntityId"]);
        Assert.Equal(second, parts[1].Headers["Location"]);
        Assert.Equal(second, parts[1].Headers["OData-EntityId"]);
        Assert.Equal("", parts[1].Body);
        Assert.Equal("{\"name\":\"Müller & Søn 東京\"}", parts[2].Body);
    }
}
