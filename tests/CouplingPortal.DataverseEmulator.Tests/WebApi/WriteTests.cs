using System.Net;
using System.Text.Json.Nodes;

namespace CouplingPortal.DataverseEmulator.Tests.WebApi;

/// <summary>Appendix A 1–10 and the write rules of reference §3, over real HTTP.</summary>
public sealed class WriteTests : IAsyncLifetime
{
    private EmulatorTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorTestHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WhoAmI_ReturnsTheIntegrationUser_WithADopHint()
    {
        using var response = await _host.GetAsync("WhoAmI");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("x-ms-dop-hint"));
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.EndsWith("$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse", (string)json["@odata.context"]!);
        Assert.Equal(_host.Emulator.Options.IntegrationUserId, Guid.Parse((string)json["UserId"]!));
        Assert.Equal(_host.Emulator.Options.OrganizationId, Guid.Parse((string)json["OrganizationId"]!));
        Assert.Equal(_host.Emulator.Options.BusinessUnitId, Guid.Parse((string)json["BusinessUnitId"]!));
        using var withParens = await _host.GetAsync("WhoAmI()");
        Assert.Equal(HttpStatusCode.OK, withParens.StatusCode);
    }

    [Fact]
    public async Task Post_Answers204_WithAnAbsoluteODataEntityId()
    {
        using var response = await _host.PostAsync("accounts", new JsonObject { ["name"] = "Contoso" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var entityId = response.Headers.GetValues("OData-EntityId").Single();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/api/data/v9\.2/accounts\([0-9a-f-]{36}\)$", entityId);
        Assert.Equal("Contoso", (string)_host.Emulator.Store.Retrieve("accounts", EmulatorTestHost.IdFromEntityId(response))!["name"]!);
    }

    [Fact]
    public async Task PostWithReturnRepresentation_Answers201_WithEntityContextAndETag()
    {
        using var response = await _host.PostAsync("accounts?$select=accountid,name", new JsonObject { ["name"] = "Contoso" }, ("Prefer", "return=representation"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("OData-EntityId"));
        Assert.Contains("return=representation", response.Headers.GetValues("Preference-Applied").Single());
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.EndsWith("$metadata#accounts(accountid,name)/$entity", (string)json["@odata.context"]!);
        Assert.Equal(response.Headers.ETag!.ToString(), (string)json["@odata.etag"]!);
        Assert.Equal("Contoso", (string)json["name"]!);
        Assert.Null(json["telephone1"]);
        Assert.False(json.ContainsKey("telephone1"));
    }

    [Fact]
    public async Task ServerOwnedColumns_ComeFromTheClockTheCallerAndOneVersionCounter()
    {
        var first = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["createdon"] = "2001-01-01T00:00:00Z", ["versionnumber"] = 5 });
        var second = await _host.CreateAsync("contacts", new JsonObject { ["firstname"] = "Kim", ["lastname"] = "Akers" });
        using var a = await _host.GetAsync($"accounts({first})?$select=createdon,modifiedon,_createdby_value,_modifiedby_value,_ownerid_value,versionnumber");
        var account = await EmulatorTestHost.JsonAsync(a);
        Assert.Equal("2026-03-04T10:20:30Z", (string)account["createdon"]!);
        Assert.Equal("2026-03-04T10:20:30Z", (string)account["modifiedon"]!);
        var caller = _host.Emulator.Options.IntegrationUserId.ToString("D");
        Assert.Equal(caller, (string)account["_createdby_value"]!);
        Assert.Equal(caller, (string)account["_modifiedby_value"]!);
        Assert.Equal(caller, (string)account["_ownerid_value"]!);
        var version = (long)account["versionnumber"]!;
        Assert.Equal($"W/\"{version}\"", (string)account["@odata.etag"]!);

        using var c = await _host.GetAsync($"contacts({second})?$select=fullname,versionnumber");
        var contact = await EmulatorTestHost.JsonAsync(c);
        Assert.Equal("Kim Akers", (string)contact["fullname"]!);
        Assert.True((long)contact["versionnumber"]! > version);

        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        using var patch = await _host.PatchAsync($"accounts({first})", new JsonObject { ["telephone1"] = "1" }, ("If-Match", "*"));
        using var again = await _host.GetAsync($"accounts({first})?$select=createdon,modifiedon,versionnumber");
        var updated = await EmulatorTestHost.JsonAsync(again);
        Assert.Equal("2026-03-04T10:20:30Z", (string)updated["createdon"]!);
        Assert.Equal("2026-03-04T10:25:30Z", (string)updated["modifiedon"]!);
        Assert.True((long)updated["versionnumber"]! > (long)contact["versionnumber"]!);
    }

    [Fact]
    public async Task Get_OfAMissingRow_Answers404_WithObjectDoesNotExist()
    {
        var id = Guid.NewGuid();
        using var response = await _host.GetAsync($"accounts({id})");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (code, message) = await EmulatorTestHost.ErrorAsync(response);
        Assert.Equal("0x80040217", code);
        Assert.Equal($"Entity 'account' With Id = {id} Does Not Exist", message);
    }

    [Fact]
    public async Task PatchWithIfMatchStar_OnAMissingRow_Answers404_AndCreatesNothing()
    {
        var id = Guid.NewGuid();
        using var response = await _host.PatchAsync($"accounts({id})", new JsonObject { ["name"] = "X" }, ("If-Match", "*"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(_host.Emulator.Store.Retrieve("accounts", id));
    }

    [Fact]
    public async Task PatchWithoutConditions_OnAMissingRow_CreatesItWithThatId()
    {
        var id = Guid.NewGuid();
        using var response = await _host.PatchAsync($"accounts({id})", new JsonObject { ["name"] = "Upserted" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(id, EmulatorTestHost.IdFromEntityId(response));
        Assert.Equal("Upserted", (string)_host.Emulator.Store.Retrieve("accounts", id)!["name"]!);
    }

    [Fact]
    public async Task PatchWithIfNoneMatchStar_OnAnExistingRow_Answers412()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Exists" });
        using var response = await _host.PatchAsync($"accounts({id})", new JsonObject { ["name"] = "Changed" }, ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("A record with matching key values already exists.", (await EmulatorTestHost.ErrorAsync(response)).Message);
        Assert.Equal("Exists", (string)_host.Emulator.Store.Retrieve("accounts", id)!["name"]!);
    }

    [Fact]
    public async Task PatchWithIfNoneMatchStar_OnAMissingRow_Creates()
    {
        var id = Guid.NewGuid();
        using var response = await _host.PatchAsync($"accounts({id})", new JsonObject { ["name"] = "New" }, ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotNull(_host.Emulator.Store.Retrieve("accounts", id));
    }

    [Fact]
    public async Task PatchWithAStaleETag_Answers412_ConcurrencyVersionMismatch()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Exists" });
        var stale = (string)_host.Emulator.Store.Retrieve("accounts", id)!["@odata.etag"]!;
        using var update = await _host.PatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = "1" });
        using var response = await _host.PatchAsync($"accounts({id})", new JsonObject { ["name"] = "Changed" }, ("If-Match", stale));
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("0x80060882", (await EmulatorTestHost.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task PatchWithTheCurrentETag_Updates_AndReturnsTheNewRepresentation()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Exists" });
        var etag = (string)_host.Emulator.Store.Retrieve("accounts", id)!["@odata.etag"]!;
        using var response = await _host.PatchAsync($"accounts({id})?$select=name", new JsonObject { ["name"] = "Changed" },
            ("If-Match", etag), ("Prefer", "return=representation"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.Equal("Changed", (string)json["name"]!);
        Assert.NotEqual(etag, (string)json["@odata.etag"]!);
    }

    [Fact]
    public async Task UpsertByAlternateKey_Answers201ThenOnSecondCall200()
    {
        using var first = await _host.PatchAsync("accounts(accountnumber='C 10000')?$select=accountid,accountnumber", new JsonObject { ["name"] = "Keyed" }, ("Prefer", "return=representation"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await EmulatorTestHost.JsonAsync(first);
        Assert.Equal("C 10000", (string)created["accountnumber"]!);
        using var second = await _host.PatchAsync("accounts(accountnumber='c 10000')?$select=accountid,name", new JsonObject { ["name"] = "Keyed again" }, ("Prefer", "return=representation"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var updated = await EmulatorTestHost.JsonAsync(second);
        Assert.Equal((string)created["accountid"]!, (string)updated["accountid"]!);

        using var plain = await _host.PatchAsync("accounts(accountnumber='C 10000')", new JsonObject { ["telephone1"] = "5" });
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.EndsWith("/accounts(accountnumber='C%2010000')", plain.Headers.GetValues("OData-EntityId").Single());
        using var byKey = await _host.GetAsync("accounts(accountnumber='C 10000')?$select=name,telephone1");
        Assert.Equal("5", (string)(await EmulatorTestHost.JsonAsync(byKey))["telephone1"]!);
    }

    [Fact]
    public async Task CreateWithADuplicateAlternateKey_Answers412_DuplicateRecordEntityKey()
    {
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["accountnumber"] = "DUP-1" });
        using var response = await _host.PostAsync("accounts", new JsonObject { ["name"] = "B", ["accountnumber"] = "dup-1" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("0x80060892", (await EmulatorTestHost.ErrorAsync(response)).Code);
        Assert.Equal(1, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task CreateWithAnExistingPrimaryKey_Answers412_DuplicateRecord()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A" });
        using var response = await _host.PostAsync("accounts", new JsonObject { ["name"] = "B", ["accountid"] = id.ToString() });
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("0x80040237", (await EmulatorTestHost.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task CreateWithAClientSuppliedKey_KeepsThatKey()
    {
        var id = Guid.NewGuid();
        var created = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Mine", ["accountid"] = id.ToString() });
        Assert.Equal(id, created);
    }

    [Fact]
    public async Task Delete_Answers204_ThenTheRowIsGone_AndASecondDeleteAnswers404()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Doomed" });
        var etag = (string)_host.Emulator.Store.Retrieve("accounts", id)!["@odata.etag"]!;
        using var update = await _host.PatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = "1" });
        using var stale = await _host.DeleteAsync($"accounts({id})", ("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var first = await _host.DeleteAsync($"accounts({id})");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        using var second = await _host.DeleteAsync($"accounts({id})");
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("0x80040217", (await EmulatorTestHost.ErrorAsync(second)).Code);
    }

    [Fact]
    public async Task ConditionalGet_WithTheCurrentETag_Answers304()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Cached" });
        using var first = await _host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", "null"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.ToString();
        using var second = await _host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        using var withAnnotations = await _host.GetAsync($"accounts({id})?$select=name", ("If-None-Match", etag), ("Prefer", "odata.include-annotations=\"*\""));
        Assert.Equal(HttpStatusCode.OK, withAnnotations.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"A\",\"nosuch\":1}", "0x80060888", "The property 'nosuch' does not exist on type 'Microsoft.Dynamics.CRM.account'.")]
    [InlineData("{\"name\":\"A\",\"_primarycontactid_value\":\"0d8e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a\"}", "0x80060888", "_primarycontactid_value")]
    [InlineData("{\"name\":\"A\",\"customertypecode\":99}", "0x8004431A", "outside the valid range")]
    [InlineData("{\"name\":\"A\",\"customertypecode\":\"3\"}", "0x80060888", "Edm.Int32")]
    [InlineData("{\"accountnumber\":\"X\"}", "0x80044331", "'name'")]
    [InlineData("{\"name\":\"A\",\"statecode\":0,\"statuscode\":2}", "0x80044331", "not a valid status code")]
    [InlineData("{\"name\":\"A\",\"primarycontactid\":\"0d8e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a\"}", "0x80060888", "@odata.bind")]
    [InlineData("{\"name\":\"A\",\"parentcustomerid@odata.bind\":\"/accounts(0d8e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a)\"}", "0x80060888", "undeclared property")]
    public async Task InvalidBodies_Answer400_WithDataverseCodes(string body, string code, string messagePart)
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "accounts", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await EmulatorTestHost.ErrorAsync(response);
        Assert.Equal(code, error.Code);
        Assert.Contains(messagePart, error.Message);
        Assert.Equal(0, _host.Emulator.Store.Count("accounts"));
    }

    [Fact]
    public async Task StringsLongerThanTheColumn_Answer400_WithTheLengthMessage()
    {
        using var response = await _host.PostAsync("accounts", new JsonObject { ["name"] = new string('x', 161) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await EmulatorTestHost.ErrorAsync(response);
        Assert.Equal("0x80044331", error.Code);
        Assert.Equal("A validation error occurred. The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.", error.Message);
    }

    [Fact]
    public async Task StateCodeAlone_SetsTheMatchingStatusCode()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A" });
        using var patch = await _host.PatchAsync($"accounts({id})", new JsonObject { ["statecode"] = 1 });
        var row = _host.Emulator.Store.Retrieve("accounts", id)!;
        Assert.Equal(1, (int)row["statecode"]!);
        Assert.Equal(2, (int)row["statuscode"]!);
    }

    [Fact]
    public async Task Lookups_BindThroughNavigationProperties_AndReadAsValueColumnsWithAnnotations()
    {
        var account = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Parent" });
        var contact = await _host.CreateAsync("contacts", new JsonObject
        {
            ["lastname"] = "Child",
            ["parentcustomerid_account@odata.bind"] = $"/accounts({account})",
        });
        var other = await _host.CreateAsync("contacts", new JsonObject
        {
            ["lastname"] = "Other",
            ["parentcustomerid_contact@odata.bind"] = $"{_host.Emulator.WebApiUrl}contacts({contact})",
        });
        using var patch = await _host.PatchAsync($"accounts({account})", new JsonObject { ["primarycontactid@odata.bind"] = $"contacts({contact})" });
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        using var response = await _host.GetAsync($"contacts?$select=lastname,_parentcustomerid_value&$filter=_parentcustomerid_value ne null&$orderby=lastname",
            ("Prefer", "odata.include-annotations=\"*\""));
        var rows = (await EmulatorTestHost.JsonAsync(response))["value"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(account.ToString(), (string)rows[0]!["_parentcustomerid_value"]!);
        Assert.Equal("account", (string)rows[0]!["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!);
        Assert.Equal("parentcustomerid_account", (string)rows[0]!["_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty"]!);
        Assert.Equal("Parent", (string)rows[0]!["_parentcustomerid_value@OData.Community.Display.V1.FormattedValue"]!);
        Assert.Equal("contact", (string)rows[1]!["_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"]!);
        Assert.Equal(other.ToString(), (string)rows[1]!["contactid"]!);

        using var clear = await _host.PatchAsync($"accounts({account})", new JsonObject { ["primarycontactid@odata.bind"] = null });
        Assert.Null(_host.Emulator.Store.Retrieve("accounts", account)!["_primarycontactid_value"]);
    }

    [Fact]
    public async Task BindingToAMissingRow_Answers404_AndCreatesNothing()
    {
        var missing = Guid.NewGuid();
        using var response = await _host.PostAsync("contacts", new JsonObject { ["lastname"] = "X", ["parentcustomerid_account@odata.bind"] = $"/accounts({missing})" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(missing.ToString(), (await EmulatorTestHost.ErrorAsync(response)).Message);
        Assert.Equal(0, _host.Emulator.Store.Count("contacts"));
    }

    [Fact]
    public async Task BindingByAlternateKey_FindsTheRow()
    {
        var account = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Keyed", ["accountnumber"] = "K1" });
        var contact = await _host.CreateAsync("contacts", new JsonObject { ["lastname"] = "X", ["parentcustomerid_account@odata.bind"] = "/accounts(accountnumber='K1')" });
        Assert.Equal(account.ToString(), (string)_host.Emulator.Store.Retrieve("contacts", contact)!["_parentcustomerid_value"]!);
    }

    [Fact]
    public async Task DeletingAnAccount_DeletesItsContacts_AndClearsReferencesToIt()
    {
        var account = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Parent" });
        var contact = await _host.CreateAsync("contacts", new JsonObject { ["lastname"] = "Child", ["parentcustomerid_account@odata.bind"] = $"/accounts({account})" });
        var other = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Other", ["primarycontactid@odata.bind"] = $"/contacts({contact})" });
        using var response = await _host.DeleteAsync($"accounts({account})");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(_host.Emulator.Store.Retrieve("contacts", contact));
        Assert.Null(_host.Emulator.Store.Retrieve("accounts", other)!["_primarycontactid_value"]);
    }

    [Fact]
    public async Task SingleProperties_CanBeReadSetAndCleared()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["telephone1"] = "1" });
        using var get = await _host.GetAsync($"accounts({id})/telephone1");
        Assert.Equal("1", (string)(await EmulatorTestHost.JsonAsync(get))["value"]!);
        using var put = await _host.SendAsync(HttpMethod.Put, $"accounts({id})/telephone1", new JsonObject { ["value"] = "2" });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("2", (string)_host.Emulator.Store.Retrieve("accounts", id)!["telephone1"]!);
        using var delete = await _host.DeleteAsync($"accounts({id})/telephone1");
        Assert.Null(_host.Emulator.Store.Retrieve("accounts", id)!["telephone1"]);
    }

    [Fact]
    public async Task EmptyStrings_AreStoredAsNull()
    {
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["telephone1"] = "" });
        Assert.Null(_host.Emulator.Store.Retrieve("accounts", id)!["telephone1"]);
    }

    [Fact]
    public async Task UnknownEntitySets_Answer404()
    {
        using var response = await _host.GetAsync("opportunities");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("opportunities", (await EmulatorTestHost.ErrorAsync(response)).Message);
    }

    [Fact]
    public async Task Responses_CarryODataHeaders()
    {
        using var response = await _host.GetAsync("accounts?$select=name");
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
        Assert.True(response.Headers.Contains("REQ_ID"));
        Assert.Equal("application/json; odata.metadata=minimal", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task ServiceDocumentAndMetadata_ListTheEntitySets()
    {
        using var doc = await _host.GetAsync("");
        var sets = (await EmulatorTestHost.JsonAsync(doc))["value"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
        Assert.Contains("bcbi_companies", sets);
        using var metadata = await _host.GetAsync("$metadata");
        var xml = await metadata.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("NavigationProperty Name=\"parentcustomerid_account\"", xml);
        Assert.Contains("Org.OData.Capabilities.V1.ChangeTracking", xml);
    }

    [Fact]
    public async Task AlternateKeyValuesWithQuotesAndParentheses_AddressTheRow()
    {
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Odd", ["accountnumber"] = "A)B'C" });
        using var response = await _host.GetAsync("accounts(accountnumber='A)B''C')?$select=name");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var missing = await _host.GetAsync("accounts(accountnumber='nope')");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var invalidKey = await _host.GetAsync("accounts(telephone1='1')");
        Assert.Equal(HttpStatusCode.BadRequest, invalidKey.StatusCode);
        Assert.Contains("The key in the request URI is not valid", (await EmulatorTestHost.ErrorAsync(invalidKey)).Message);
    }

    [Fact]
    public async Task Impersonation_WritesAsTheNamedSystemUser()
    {
        var jim = Guid.NewGuid();
        await _host.Emulator.Store.InsertDirectAsync("systemusers",
            [new JsonObject { ["systemuserid"] = jim.ToString(), ["firstname"] = "Jim", ["lastname"] = "Olive", ["azureactivedirectoryobjectid"] = Guid.NewGuid().ToString() }],
            TestContext.Current.CancellationToken);
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Mine" });
        using var patch = await _host.PatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = "9" }, ("MSCRMCallerID", jim.ToString()));
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        var row = _host.Emulator.Store.Retrieve("accounts", id)!;
        Assert.Equal(jim.ToString(), (string)row["_modifiedby_value"]!);
        Assert.Equal(_host.Emulator.Options.IntegrationUserId.ToString(), (string)row["_createdby_value"]!);
        using var whoAmI = await _host.GetAsync("WhoAmI", ("MSCRMCallerID", jim.ToString()));
        Assert.Equal(jim.ToString(), (string)(await EmulatorTestHost.JsonAsync(whoAmI))["UserId"]!);
        using var unknown = await _host.PatchAsync($"accounts({id})", new JsonObject { ["telephone1"] = "8" }, ("MSCRMCallerID", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("9", (string)_host.Emulator.Store.Retrieve("accounts", id)!["telephone1"]!);
    }

    [Fact]
    public async Task Products_StartActive_OrInDraftWhenTheOrgSaysSo()
    {
        var active = await _host.CreateAsync("products", new JsonObject { ["productnumber"] = "P1", ["name"] = "Desk" });
        Assert.Equal(0, (int)_host.Emulator.Store.Retrieve("products", active)!["statecode"]!);
        await using var draftOrg = await EmulatorTestHost.StartAsync(o => o.ProductsStartAsDraft = true);
        var draft = await draftOrg.CreateAsync("products", new JsonObject { ["productnumber"] = "P1", ["name"] = "Desk" });
        var row = draftOrg.Emulator.Store.Retrieve("products", draft)!;
        Assert.Equal(2, (int)row["statecode"]!);
        Assert.Equal(0, (int)row["statuscode"]!);
        using var publish = await draftOrg.PatchAsync($"products({draft})", new JsonObject { ["statecode"] = 0 });
        Assert.Equal(1, (int)draftOrg.Emulator.Store.Retrieve("products", draft)!["statuscode"]!);
    }
}
