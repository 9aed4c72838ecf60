using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Appendix A 1–10: WhoAmI, create, retrieve, update, the upsert matrix, delete, key conflicts.</summary>
public sealed class DataverseClientWriteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhoAmI_ReturnsTheCallerIds_AndLearnsTheDopHint()
    {
        await using var dv = await EmulatorConnection.StartAsync(e => e.Throttling.DopHint = 6);

        var me = await dv.Client.WhoAmIAsync(Ct);

        Assert.Equal(dv.Emulator.Options.IntegrationUserId, me.UserId);
        Assert.Equal(dv.Emulator.Options.BusinessUnitId, me.BusinessUnitId);
        Assert.Equal(dv.Emulator.Options.OrganizationId, me.OrganizationId);
        Assert.Equal(6, me.DegreeOfParallelismHint);
    }

    [Fact]
    public async Task Create_UsesTheClientGeneratedId_AndTheRowCanBeRetrieved()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = Guid.NewGuid();

        var created = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Contoso", ["customertypecode"] = 3 }, id, Ct);
        var row = await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name", "customertypecode", "createdon", "versionnumber"], Ct);

        Assert.Equal(id, created);
        Assert.NotNull(row);
        Assert.Equal("Contoso", row.GetString("name"));
        Assert.Equal(3, row.GetInt32("customertypecode"));
        Assert.Equal(id, row.GetId(DataverseTable.Accounts));
        Assert.StartsWith("W/\"", row.ETag, StringComparison.Ordinal);
        Assert.Equal(DateTimeKind.Utc, row.GetDateTime("createdon")!.Value.Kind);
    }

    [Fact]
    public async Task CreateAndReturn_GivesTheRepresentationWithETag()
    {
        await using var dv = await EmulatorConnection.StartAsync();

        var row = await dv.Client.CreateAndReturnAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Fabrikam" }, ["name", "versionnumber"], ct: Ct);

        Assert.Equal("Fabrikam", row.GetString("name"));
        Assert.Equal($"W/\"{row.GetInt64("versionnumber")}\"", row.ETag);
    }

    [Fact]
    public async Task RetrieveOfAMissingRow_ReturnsNull_AndUpdateOfAMissingRowThrows404WithDataverseCode()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var missing = Guid.NewGuid();

        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, missing, ["name"], Ct));
        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.UpdateAsync(DataverseTable.Accounts, missing, new JsonObject { ["name"] = "x" }, ct: Ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(DataverseErrorCodes.ObjectDoesNotExist, ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, missing, ["name"], Ct));
    }

    [Fact]
    public async Task UpdateOnlyUpsert_OnAMissingRow_Gives404_AndCreatesNothing()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<DataverseException>(() =>
            dv.Client.UpsertAsync(DataverseTable.Accounts, id, new JsonObject { ["name"] = "x" }, UpsertMode.UpdateOnly, ct: Ct));

        Assert.True(ex.IsNotFound);
        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct));
    }

    [Fact]
    public async Task UnconditionalUpsert_OnAMissingRow_CreatesItWithThatId_ThenUpdatesIt()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = Guid.NewGuid();

        var first = await dv.Client.UpsertAsync(DataverseTable.Accounts, id, new JsonObject { ["name"] = "Upserted" }, ct: Ct);
        var second = await dv.Client.UpsertAsync(DataverseTable.Accounts, id, new JsonObject { ["telephone1"] = "+49 30 1" }, returnColumns: ["name", "telephone1"], ct: Ct);

        Assert.Null(first.Created);
        Assert.Equal(id, DataverseClient.GuidFromEntityId(first.EntityId?.AbsoluteUri));
        Assert.False(second.Created);
        Assert.Equal("Upserted", second.Row!.GetString("name"));
        Assert.Equal("+49 30 1", second.Row.GetString("telephone1"));
    }

    [Fact]
    public async Task CreateOnlyUpsert_OnAnExistingRow_Gives412()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Exists" }, ct: Ct);

        var ex = await Assert.ThrowsAsync<DataverseException>(() =>
            dv.Client.UpsertAsync(DataverseTable.Accounts, id, new JsonObject { ["name"] = "Other" }, UpsertMode.CreateOnly, ct: Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode);
        Assert.Equal("Exists", (await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct))!.GetString("name"));
    }

    [Fact]
    public async Task UpdateWithAStaleETag_Gives412ConcurrencyConflict_AndWithTheCurrentETagSucceeds()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var row = await dv.Client.CreateAndReturnAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "v1" }, ["name"], ct: Ct);
        await dv.Client.UpdateAsync(DataverseTable.Accounts, row.GetId(DataverseTable.Accounts), new JsonObject { ["name"] = "v2" }, ct: Ct);

        var ex = await Assert.ThrowsAsync<DataverseException>(() =>
            dv.Client.UpdateAsync(DataverseTable.Accounts, row.GetId(DataverseTable.Accounts), new JsonObject { ["name"] = "v3" }, row.ETag, ct: Ct));
        var current = await dv.Client.RetrieveAsync(DataverseTable.Accounts, row.GetId(DataverseTable.Accounts), ["name"], Ct);
        var updated = await dv.Client.UpdateAsync(DataverseTable.Accounts, row.GetId(DataverseTable.Accounts), new JsonObject { ["name"] = "v3" }, current!.ETag, ["name"], Ct);

        Assert.True(ex.IsConcurrencyConflict);
        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode);
        Assert.Equal("v3", updated!.GetString("name"));
        Assert.NotEqual(current.ETag, updated.ETag);
    }

    [Fact]
    public async Task ConditionalRetrieve_Gives304UntilTheRowChanges()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var row = await dv.Client.CreateAndReturnAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Cached" }, ["name"], ct: Ct);
        var id = row.GetId(DataverseTable.Accounts);

        var unchanged = await dv.Client.RetrieveIfChangedAsync(DataverseTable.Accounts, id, row.ETag!, ["name"], Ct);
        await dv.Client.UpdateAsync(DataverseTable.Accounts, id, new JsonObject { ["name"] = "Changed" }, ct: Ct);
        var changed = await dv.Client.RetrieveIfChangedAsync(DataverseTable.Accounts, id, row.ETag!, ["name"], Ct);

        Assert.Equal(ConditionalRetrieveStatus.NotModified, unchanged.Status);
        Assert.Equal(ConditionalRetrieveStatus.Changed, changed.Status);
        Assert.Equal("Changed", changed.Row!.GetString("name"));
    }

    [Fact]
    public async Task UpsertByAlternateKey_WithRepresentation_CreatesThenUpdates()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var key = DataverseKey.Alternate(("accountnumber", "C'10000"));

        var first = await dv.Client.UpsertAsync(DataverseTable.Accounts, key, new JsonObject { ["name"] = "Keyed" }, returnColumns: ["name", "accountnumber"], ct: Ct);
        var second = await dv.Client.UpsertAsync(DataverseTable.Accounts, key, new JsonObject { ["name"] = "Keyed again" }, returnColumns: ["name", "accountnumber"], ct: Ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal("C'10000", second.Row!.GetString("accountnumber"));
        Assert.Equal(first.Row!.GetId(DataverseTable.Accounts), second.Row.GetId(DataverseTable.Accounts));
        Assert.Equal("Keyed again", (await dv.Client.RetrieveAsync(DataverseTable.Accounts, key, ["name"], Ct))!.GetString("name"));
    }

    [Fact]
    public async Task CreateWithADuplicateAlternateKey_Gives412DuplicateRecordEntityKey()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "A", ["accountnumber"] = "DUP-1" }, ct: Ct);

        var ex = await Assert.ThrowsAsync<DataverseException>(() =>
            dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "B", ["accountnumber"] = "DUP-1" }, ct: Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, ex.StatusCode);
        Assert.Equal(DataverseErrorCodes.DuplicateRecordEntityKey, ex.ErrorCode);
        Assert.True(ex.IsDuplicateKey);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task CreateWithAnExistingPrimaryKey_OnAFirstAttempt_SurfacesDuplicateRecord()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Original" }, ct: Ct);

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Copy" }, id, Ct));

        Assert.Equal(DataverseErrorCodes.DuplicateRecord, ex.ErrorCode);
        Assert.Equal("Original", (await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct))!.GetString("name"));
    }

    [Fact]
    public async Task Delete_RemovesTheRow_ASecondDeleteReportsItMissing_AndAStaleETagIsRefused()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var row = await dv.Client.CreateAndReturnAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Doomed" }, ["name"], ct: Ct);
        var id = row.GetId(DataverseTable.Accounts);
        await dv.Client.UpdateAsync(DataverseTable.Accounts, id, new JsonObject { ["name"] = "Doomed 2" }, ct: Ct);

        var stale = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.DeleteAsync(DataverseTable.Accounts, id, row.ETag, Ct));
        Assert.True(await dv.Client.DeleteAsync(DataverseTable.Accounts, id, ct: Ct));
        Assert.False(await dv.Client.DeleteAsync(DataverseTable.Accounts, id, ct: Ct));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Null(await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct));
    }

    [Fact]
    public async Task LookupBind_SetsTheLookup_AndReadsBackAsLookupValue()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var accountId = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Parent" }, ct: Ct);

        var contactId = await dv.Client.CreateAsync(DataverseTable.Contacts, new JsonObject
        {
            ["lastname"] = "Doe",
        }.Bind("parentcustomerid_account", DataverseTable.Accounts, accountId), ct: Ct);
        var contact = await dv.Client.RetrieveAsync(DataverseTable.Contacts, contactId, ["lastname", "_parentcustomerid_value"], Ct);

        Assert.Equal(accountId, contact!.GetLookupId("parentcustomerid"));
    }

    [Fact]
    public async Task LookupBind_ToAMissingRow_IsAPermanentError()
    {
        await using var dv = await EmulatorConnection.StartAsync();

        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.CreateAsync(DataverseTable.Contacts,
            new JsonObject { ["lastname"] = "Orphan" }.Bind("parentcustomerid_account", DataverseTable.Accounts, Guid.NewGuid()), ct: Ct));

        Assert.False(ex.IsTransient);
        Assert.True(ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ValidationErrors_ArePermanent_AndCarryDataversesCodeAndMessage()
    {
        await using var dv = await EmulatorConnection.StartAsync();

        var ex = await Assert.ThrowsAsync<DataverseException>(() =>
            dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = new string('x', 161) }, ct: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(DataverseErrorCodes.ValidationFailed, ex.ErrorCode);
        Assert.Contains("name", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.Single(dv.Logged(1, r => r.Method == "POST"));
    }
}
