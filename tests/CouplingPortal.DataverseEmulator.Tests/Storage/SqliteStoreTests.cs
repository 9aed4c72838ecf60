using System.Net;
using System.Text.Json.Nodes;

namespace CouplingPortal.DataverseEmulator.Tests.Storage;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dv-emulator-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RowsVersionsAndChangeLog_SurviveARestart()
    {
        var path = Path.Combine(_folder, "dataverse.db");
        Guid id;
        string deltaLink;
        long version;
        await using (var first = await EmulatorTestHost.StartAsync(o => { o.Store = "Sqlite"; o.SqlitePath = path; }))
        {
            id = await first.CreateAsync("accounts", new JsonObject { ["name"] = "Persisted", ["accountnumber"] = "P1" });
            using var initial = await first.GetAsync("accounts?$select=name", ("Prefer", "odata.track-changes"));
            deltaLink = (string)(await EmulatorTestHost.JsonAsync(initial))["@odata.deltaLink"]!;
            await first.PatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = "7" });
            version = (long)first.Emulator.Store.Retrieve("accounts", id)!["versionnumber"]!;
        }
        await using var second = await EmulatorTestHost.StartAsync(o => { o.Store = "Sqlite"; o.SqlitePath = path; });
        var row = second.Emulator.Store.Retrieve("accounts", id)!;
        Assert.Equal("Persisted", (string)row["name"]!);
        Assert.Equal(version, (long)row["versionnumber"]!);
        using var duplicate = await second.PostAsync("accounts", new JsonObject { ["name"] = "Again", ["accountnumber"] = "P1" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, duplicate.StatusCode);
        var newId = await second.CreateAsync("accounts", new JsonObject { ["name"] = "Newer" });
        Assert.True((long)second.Emulator.Store.Retrieve("accounts", newId)!["versionnumber"]! > version);
        var port = second.Emulator.WebApiUrl.GetLeftPart(UriPartial.Authority);
        using var delta = await second.GetAsync(port + new Uri(deltaLink).PathAndQuery);
        Assert.Equal(2, (await EmulatorTestHost.JsonAsync(delta))["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task AFailedChangeset_LeavesNothingInTheFile()
    {
        var path = Path.Combine(_folder, "rollback.db");
        await using (var host = await EmulatorTestHost.StartAsync(o => { o.Store = "Sqlite"; o.SqlitePath = path; }))
        {
            await host.CreateAsync("accounts", new JsonObject { ["name"] = "Kept" });
            var body = "--b\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n" +
                "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 1\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Rolled back\"}\r\n" +
                "--c\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: 2\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"bad\":1}\r\n" +
                "--c--\r\n--b--\r\n";
            using var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body) };
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        await using var reopened = await EmulatorTestHost.StartAsync(o => { o.Store = "Sqlite"; o.SqlitePath = path; });
        Assert.Equal(1, reopened.Emulator.Store.Count("accounts"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
