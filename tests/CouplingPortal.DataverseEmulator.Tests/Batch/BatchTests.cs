using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CouplingPortal.DataverseEmulator.Tests.Batch;

/// <summary>$batch (Appendix A 17–18): changesets, atomicity, continue-on-error, Content-ID, limits, response shape.</summary>
public sealed partial class BatchTests : IAsyncLifetime
{
    private EmulatorTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorTestHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private sealed record Part(string Method, string Url, string? Body = null, int? ContentId = null, string? Headers = null);

    private static string Request(Part p) =>
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n" +
        (p.ContentId is { } id ? $"Content-ID: {id}\r\n" : "") + "\r\n" +
        $"{p.Method} {p.Url} HTTP/1.1\r\n" +
        (p.Body is null ? "" : "Content-Type: application/json; type=entry\r\n") + (p.Headers ?? "") + "\r\n" +
        (p.Body ?? "") + "\r\n";

    private static string Changeset(string boundary, params Part[] parts) =>
        $"Content-Type: multipart/mixed; boundary={boundary}\r\n\r\n" +
        string.Concat(parts.Select(p => $"--{boundary}\r\n" + Request(p))) + $"--{boundary}--\r\n";

    private async Task<(HttpResponseMessage Response, string Body)> SendBatchAsync(IEnumerable<string> items, string? prefer = null)
    {
        var body = new StringBuilder();
        foreach (var item in items) body.Append("--batch_test\r\n").Append(item);
        body.Append("--batch_test--\r\n");
        var request = new HttpRequestMessage(HttpMethod.Post, "$batch")
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_test");
        if (prefer is not null) request.Headers.Add("Prefer", prefer);
        var response = await _host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    private static List<int> Statuses(string body) => StatusLine().Matches(body).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [Fact]
    public async Task AChangesetWithAnInvalidSecondCreate_IsRolledBack_AndAnsweredWithOneErrorPart()
    {
        var (response, body) = await SendBatchAsync([Changeset("changeset_1",
            new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"First\"}", 1),
            new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Second\",\"nosuch\":1}", 2))]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([400], Statuses(body));
        Assert.Contains("0x80060888", body);
        Assert.Contains("Content-ID: 2", body);
        Assert.Equal(0, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task IndependentCreates_WithContinueOnError_RunAll_AndReportEachPart()
    {
        var (response, body) = await SendBatchAsync([
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Bad\",\"customertypecode\":99}")),
            Request(new Part("POST", $"{_host.Emulator.WebApiUrl}accounts", "{\"name\":\"Good 1\"}")),
            Request(new Part("POST", "accounts", "{\"name\":\"Good 2\"}")),
        ], "odata.continue-on-error");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([400, 204, 204], Statuses(body));
        Assert.Contains("OData-EntityId: http://127.0.0.1", body);
        Assert.Equal(2, _host.Emulator.Store.Count("accounts"));
        Assert.StartsWith("multipart/mixed; boundary=batchresponse_", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task WithoutContinueOnError_ProcessingStopsAtTheFirstFailure()
    {
        var (response, body) = await SendBatchAsync([
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Good\"}")),
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"nosuch\":1}")),
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Never\"}")),
        ]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([204, 400], Statuses(body));
        Assert.Equal(1, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task ContentIdReferences_BindAndAddressRowsCreatedEarlierInTheChangeset()
    {
        var (response, body) = await SendBatchAsync([
            Changeset("changeset_a",
                new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Parent\"}", 1),
                new Part("POST", "/api/data/v9.2/contacts", "{\"lastname\":\"Doe\",\"parentcustomerid_account@odata.bind\":\"$1\"}", 2),
                new Part("PATCH", "$1", "{\"telephone1\":\"42\"}", 3)),
            Request(new Part("GET", "/api/data/v9.2/contacts?$select=lastname,_parentcustomerid_value", Headers: "Accept: application/json\r\n")),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([204, 204, 204, 200], Statuses(body));
        Assert.Contains("changesetresponse_", body);
        var account = _host.Emulator.Store.Retrieve("accounts", Guid.Parse(Regex.Match(body, @"accounts\(([0-9a-f-]{36})\)").Groups[1].Value))!;
        Assert.Equal("42", (string)account["telephone1"]!);
        Assert.Contains((string)account["accountid"]!, body[body.LastIndexOf("HTTP/1.1 200", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task AGetInsideAChangeset_FailsTheChangeset()
    {
        var (response, body) = await SendBatchAsync([Changeset("cs",
            new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"A\"}", 1),
            new Part("GET", "/api/data/v9.2/accounts", null, 2))]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not allowed inside a changeset", body);
        Assert.Equal(0, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task MoreThanAThousandOperations_AreRefusedBeforeAnythingRuns()
    {
        var parts = Enumerable.Range(0, 1001).Select(i => Request(new Part("POST", "/api/data/v9.2/accounts", $"{{\"name\":\"A{i}\"}}")));
        var (response, body) = await SendBatchAsync(parts);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1000", JsonNode.Parse(body)!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task AThousandCreatesInOneChangeset_AllCommit()
    {
        var parts = Enumerable.Range(0, 1000).Select(i => new Part("POST", "/api/data/v9.2/accounts", $"{{\"name\":\"A{i}\"}}", i + 1)).ToArray();
        var (response, body) = await SendBatchAsync([Changeset("big", parts)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, Statuses(body).Count(s => s == 204));
        Assert.Equal(1000, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task RepresentationInsideABatch_ReturnsTheEntityBody()
    {
        var (_, body) = await SendBatchAsync([Request(new Part("POST", "/api/data/v9.2/accounts?$select=name", "{\"name\":\"Shown\"}", Headers: "Prefer: return=representation\r\n"))]);
        Assert.Equal([201], Statuses(body));
        Assert.Contains("\"name\":\"Shown\"", body);
        Assert.Contains("ETag: W/", body);
    }

    [Fact]
    public async Task BatchesWithBareLineFeeds_AreParsedToo()
    {
        var body = "--b\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nPOST accounts HTTP/1.1\nContent-Type: application/json\n\n{\"name\":\"LF\"}\n--b--\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        using var response = await _host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task ABatchWithoutAMultipartContentType_Answers400()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "$batch", "{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multipart/mixed", (await EmulatorTestHost.ErrorAsync(response)).Message);
    }
    private static string[] CreatesWithADuplicateInTheMiddle(Guid id) =>
    [
        Request(new Part("POST", "/api/data/v9.2/accounts", $"{{\"accountid\":\"{id}\",\"name\":\"First\"}}")),
        Request(new Part("POST", "/api/data/v9.2/contacts", $"{{\"lastname\":\"Child\",\"parentcustomerid_account@odata.bind\":\"accounts({id})\"}}")),
        Request(new Part("POST", "/api/data/v9.2/accounts", $"{{\"accountid\":\"{id}\",\"name\":\"Duplicate\"}}")),
        Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"After\"}")),
    ];

    [Fact]
    public async Task IndependentCreates_SeeRowsCreatedEarlierInTheBatch_AndStopAtADuplicateKeyWithoutContinueOnError()
    {
        var id = Guid.NewGuid();
        var (response, body) = await SendBatchAsync(CreatesWithADuplicateInTheMiddle(id));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([204, 204, 412], Statuses(body));
        Assert.Contains("Cannot insert duplicate key.", body);
        Assert.Equal(1, _host.Emulator.Store.Count("accounts"));
        Assert.Equal("First", (string)_host.Emulator.Store.Retrieve("accounts", id)!["name"]!);
        Assert.Equal(1, _host.Emulator.Store.Count("contacts"));
    }

    [Fact]
    public async Task IndependentCreates_GoOnAfterADuplicateKey_WithContinueOnError_InRequestOrder()
    {
        var id = Guid.NewGuid();
        var (response, body) = await SendBatchAsync(CreatesWithADuplicateInTheMiddle(id), "odata.continue-on-error");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([204, 204, 412, 204], Statuses(body));
        var url = $"{_host.Emulator.WebApiUrl}accounts({id})";
        Assert.Contains($"Content-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\nLocation: {url}\r\nOData-EntityId: {url}\r\n\r\n--batchresponse_", body);
        Assert.Equal(2, _host.Emulator.Store.Count("accounts"));
        var versions = Regex.Matches(body, @"accounts\(([0-9a-f-]{36})\)").Select(m => Guid.Parse(m.Groups[1].Value)).Distinct()
            .Select(g => (long)_host.Emulator.Store.Retrieve("accounts", g)!["versionnumber"]!).ToList();
        Assert.Equal(versions.Order().ToList(), versions);
    }

    [Fact]
    public async Task ABindToARowThatDoesNotExist_FailsOnlyThatCreate_AmongIndependentCreates()
    {
        var (response, body) = await SendBatchAsync([
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"One\"}")),
            Request(new Part("POST", "/api/data/v9.2/contacts", $"{{\"lastname\":\"Orphan\",\"parentcustomerid_account@odata.bind\":\"accounts({Guid.NewGuid()})\"}}")),
            Request(new Part("POST", "/api/data/v9.2/accounts", "{\"name\":\"Two\"}")),
        ], "odata.continue-on-error");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([204, 404, 204], Statuses(body));
        Assert.Equal(2, _host.Emulator.Store.Count("accounts"));
        Assert.Equal(0, _host.Emulator.Store.Count("contacts"));
    }
}
