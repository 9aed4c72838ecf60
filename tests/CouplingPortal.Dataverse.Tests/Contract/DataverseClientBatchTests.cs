using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Batching;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Appendix A 17–18 and chunking: change sets are atomic, independent operations continue on error.</summary>
public sealed class DataverseClientBatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Account(string name) => new() { ["name"] = name, ["customertypecode"] = 3 };

    [Fact]
    public async Task AFailingOperationInsideAChangeSet_RollsBackTheWholeChangeSet()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var good = BatchOperation.Create(DataverseTable.Accounts, Account("Good"));
        var bad = BatchOperation.Create(DataverseTable.Accounts, Account(new string('x', 161)));

        var result = await dv.Client.ExecuteBatchAsync([new BatchChangeSet(good, bad)], ct: Ct);

        Assert.Equal(2, result.Operations.Count);
        Assert.All(result.Operations, o => Assert.False(o.Succeeded));
        Assert.Equal(HttpStatusCode.BadRequest, result.Operations[1].Error?.StatusCode);
        Assert.Equal(DataverseErrorCodes.ValidationFailed, result.Operations[1].Error?.ErrorCode);
        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, good.CreatedId!.Value, ["name"], Ct));
        Assert.Equal(0, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
    }

    [Fact]
    public async Task AFailingIndependentOperation_WithContinueOnError_LetsTheOthersSucceed()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        BatchItem[] items =
        [
            BatchOperation.Create(DataverseTable.Accounts, Account(new string('x', 161))),
            BatchOperation.Create(DataverseTable.Accounts, Account("Second")),
            BatchOperation.Create(DataverseTable.Accounts, Account("Third")),
        ];

        var result = await dv.Client.ExecuteBatchAsync(items, ct: Ct);

        Assert.Equal([400, 204, 204], result.Operations.Select(o => o.StatusCode));
        Assert.False(result.Operations[0].Succeeded);
        Assert.False(result.Operations[0].Error!.IsTransient);
        Assert.Equal(((BatchOperation)items[1]).CreatedId, result.Operations[1].Id);
        Assert.Equal("Third", (await dv.Client.RetrieveAsync(DataverseTable.Accounts, result.Operations[2].Id!.Value, ["name"], Ct))!.GetString("name"));
        Assert.Equal(1, result.BatchRequests);
    }

    [Fact]
    public async Task WithoutContinueOnError_TheBatchStopsAtTheFirstFailure_AndLaterOperationsAreReportedNotExecuted()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        BatchItem[] items =
        [
            BatchOperation.Create(DataverseTable.Accounts, Account("First")),
            BatchOperation.Create(DataverseTable.Accounts, Account(new string('x', 161))),
            BatchOperation.Create(DataverseTable.Accounts, Account("Third")),
        ];

        var result = await dv.Client.ExecuteBatchAsync(items, new BatchOptions { ContinueOnError = false }, Ct);

        Assert.True(result.Operations[0].Succeeded);
        Assert.Equal(400, result.Operations[1].StatusCode);
        Assert.False(result.Operations[2].Executed);
        Assert.Equal(1, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
    }

    [Fact]
    public async Task ChangeSetsMixUpdatesDeletesAndUpserts_AndReturnETags()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var keep = await dv.Client.CreateAsync(DataverseTable.Accounts, Account("Keep"), ct: Ct);
        var drop = await dv.Client.CreateAsync(DataverseTable.Accounts, Account("Drop"), ct: Ct);
        var upserted = Guid.NewGuid();

        var result = await dv.Client.ExecuteBatchAsync(
        [
            new BatchChangeSet(
                BatchOperation.Update(DataverseTable.Accounts, keep, new JsonObject { ["name"] = "Kept" }),
                BatchOperation.Delete(DataverseTable.Accounts, drop),
                BatchOperation.Upsert(DataverseTable.Accounts, upserted, Account("Upserted"))),
            BatchOperation.Get(DataverseQuery.From("accounts").Select("name").OrderBy("name")),
        ], ct: Ct);

        Assert.True(result.AllSucceeded, string.Join("; ", result.Failures.Select(f => f.Error?.Message)));
        Assert.Equal(["Kept", "Upserted"], result.Operations[3].Body!["value"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, drop, ["name"], Ct));
    }

    [Fact]
    public async Task ManyOperations_AreChunkedIntoBatchesOfAtMostTheLimit_AndAllArrive()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var items = Enumerable.Range(0, 2500).Select(i => (BatchItem)BatchOperation.Create(DataverseTable.Accounts, Account($"Bulk {i:D4}"))).ToList();

        var result = await dv.Client.ExecuteBatchAsync(items, new BatchOptions { MaxOperationsPerBatch = 1000 }, Ct);

        Assert.True(result.AllSucceeded);
        Assert.Equal(3, result.BatchRequests);
        Assert.Equal(3, dv.Logged(3, r => r.Method == "POST" && r.Target.Contains("$batch", StringComparison.Ordinal)).Count);
        Assert.Equal(2500, await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct));
        Assert.Equal(items.Select(i => ((BatchOperation)i).CreatedId), result.Operations.Select(o => o.Id));
    }

    [Fact]
    public async Task AChangeSetLargerThanTheLimit_IsRefusedBeforeAnythingIsSent()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var set = new BatchChangeSet(Enumerable.Range(0, 11).Select(i => BatchOperation.Create(DataverseTable.Accounts, Account($"{i}"))));

        await Assert.ThrowsAsync<ArgumentException>(() => dv.Client.ExecuteBatchAsync([set], new BatchOptions { MaxOperationsPerBatch = 10 }, Ct));

        Assert.Empty(dv.Emulator.Requests);
    }
}
