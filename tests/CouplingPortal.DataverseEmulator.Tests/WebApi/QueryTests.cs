using System.Net;
using System.Text.Json.Nodes;

namespace CouplingPortal.DataverseEmulator.Tests.WebApi;

/// <summary>Reads: $select, $filter, $orderby, $top, $count, paging (Appendix A 11–14), names with special characters.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private EmulatorTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await EmulatorTestHost.StartAsync();
    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task SeedAsync(params string[] names)
    {
        foreach (var name in names) await _host.CreateAsync("accounts", new JsonObject { ["name"] = name, ["customertypecode"] = 3 });
    }

    private async Task<List<JsonObject>> ReadAllPagesAsync(string url, int pageSize, Func<int, List<JsonObject>, Task>? betweenPages = null)
    {
        var rows = new List<JsonObject>();
        var page = 0;
        string? next = url;
        while (next is not null)
        {
            using var response = await _host.GetAsync(next, ("Prefer", $"odata.maxpagesize={pageSize}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal($"odata.maxpagesize={pageSize}", response.Headers.GetValues("Preference-Applied").Single());
            var json = await EmulatorTestHost.JsonAsync(response);
            var values = json["value"]!.AsArray();
            Assert.True(values.Count <= pageSize);
            rows.AddRange(values.Select(v => v!.AsObject()));
            next = (string?)json["@odata.nextLink"];
            if (next is not null) Assert.StartsWith(_host.Emulator.WebApiUrl.ToString(), next);
            if (next is not null && betweenPages is not null) await betweenPages(++page, rows);
        }
        return rows;
    }

    [Fact]
    public async Task FiveRows_WithMaxPageSizeTwo_ComeAsTwoTwoAndOne_AndTheLastPageHasNoNextLink()
    {
        await SeedAsync("A", "B", "C", "D", "E");
        var sizes = new List<int>();
        string? next = "accounts?$select=name";
        while (next is not null)
        {
            using var response = await _host.GetAsync(next, ("Prefer", "odata.maxpagesize=2"));
            var json = await EmulatorTestHost.JsonAsync(response);
            sizes.Add(json["value"]!.AsArray().Count);
            next = (string?)json["@odata.nextLink"];
        }
        Assert.Equal([2, 2, 1], sizes);
    }

    [Fact]
    public async Task NextLinks_KeepTheOriginalOptions_AndAnOpaqueSkipToken()
    {
        await SeedAsync("A", "B", "C");
        using var response = await _host.GetAsync("accounts?$select=name&$filter=customertypecode eq 3&$orderby=name desc", ("Prefer", "odata.maxpagesize=1"));
        var next = (string)(await EmulatorTestHost.JsonAsync(response))["@odata.nextLink"]!;
        Assert.Contains("$select=name", next);
        Assert.Contains("$orderby=name", next);
        Assert.Contains("$skiptoken=%3Ccookie%20pagenumber%3D%222%22", next);
    }

    [Fact]
    public async Task TinyPages_StayStable_WhileRowsAreInsertedBetweenPages()
    {
        await SeedAsync("B", "D", "F", "H", "J", "L");
        var inserted = new[] { "A", "C", "E", "K", "M", "Z" };
        var rows = await ReadAllPagesAsync("accounts?$select=name&$orderby=name", 2, async (page, _) =>
        {
            if (page <= 3) await SeedAsync(inserted[(page - 1) * 2], inserted[(page - 1) * 2 + 1]);
        });
        var names = rows.Select(r => (string)r["name"]!).ToList();
        Assert.Equal(names.Distinct().Count(), names.Count);
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "B", "D", "F", "H", "J", "L" });
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task TinyPages_WithoutOrderBy_NeitherSkipNorRepeatRows_WhenEarlierRowsAreDeleted()
    {
        await SeedAsync("A", "B", "C", "D", "E", "F", "G");
        var rows = await ReadAllPagesAsync("accounts?$select=name", 2, async (_, seen) =>
        {
            // An offset-based page would now skip a row: the rows already read shrink.
            var victim = (string)seen[0]["accountid"]!;
            await _host.DeleteAsync($"accounts({victim})");
            seen.RemoveAt(0);
            seen.Add(new JsonObject { ["accountid"] = victim });
        });
        var ids = rows.Select(r => (string)r["accountid"]!).ToList();
        Assert.Equal(7, ids.Count);
        Assert.Equal(7, ids.Distinct().Count());
    }

    [Fact]
    public async Task Skip_IsRefusedWith400()
    {
        await SeedAsync("A", "B", "C");
        using var response = await _host.GetAsync("accounts?$skip=2");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$skip", (await EmulatorTestHost.ErrorAsync(response)).Message);
    }

    [Fact]
    public async Task Count_IsReturnedAsODataCount_ForTheWholeFilter()
    {
        await SeedAsync("A", "B");
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "V1", ["customertypecode"] = 11 });
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "V2", ["customertypecode"] = 11 });
        using var response = await _host.GetAsync("accounts?$select=name&$count=true&$filter=customertypecode eq 11", ("Prefer", "odata.maxpagesize=1"));
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.Equal(2, (int)json["@odata.count"]!);
        Assert.Single(json["value"]!.AsArray());
    }

    [Fact]
    public async Task CountSegment_ReturnsPlainText()
    {
        await SeedAsync("A", "B", "C");
        using var response = await _host.GetAsync("accounts/$count");
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("3", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Top_LimitsRows_WithoutANextLink()
    {
        await SeedAsync("A", "B", "C");
        using var response = await _host.GetAsync("accounts?$select=name&$top=2&$orderby=name");
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.Equal(["A", "B"], json["value"]!.AsArray().Select(v => (string)v!["name"]!));
        Assert.Null(json["@odata.nextLink"]);
    }

    [Fact]
    public async Task Select_ReturnsSelectedColumnsWithNulls_AndAlwaysTheKeyAndETag()
    {
        await SeedAsync("A");
        using var response = await _host.GetAsync("accounts?$select=name,telephone1");
        var json = await EmulatorTestHost.JsonAsync(response);
        Assert.EndsWith("$metadata#accounts(name,telephone1)", (string)json["@odata.context"]!);
        var row = json["value"]![0]!.AsObject();
        Assert.Equal(["@odata.etag", "name", "telephone1", "accountid"], row.Select(p => p.Key));
        Assert.Null(row["telephone1"]);
    }

    [Fact]
    public async Task SelectingMoney_AddsTheCurrencyLookup()
    {
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["creditlimit"] = 5000000 });
        using var response = await _host.GetAsync("accounts?$select=creditlimit");
        var row = (await EmulatorTestHost.JsonAsync(response))["value"]![0]!.AsObject();
        Assert.True(row.ContainsKey("_transactioncurrencyid_value"));
        Assert.Equal("5000000.0000", row["creditlimit"]!.ToJsonString());
    }

    [Theory]
    [InlineData("accounts?$select=nosuch", "Could not find a property named 'nosuch'")]
    [InlineData("accounts?$filter=nosuch eq 1", "Could not find a property named 'nosuch'")]
    [InlineData("accounts?$filter=name eq", "Syntax error")]
    [InlineData("accounts?$orderby=nosuch", "Could not find a property named 'nosuch'")]
    [InlineData("accounts?$expand=primarycontactid", "$expand")]
    [InlineData("accounts?$top=x", "$top")]
    public async Task InvalidQueries_Answer400(string url, string messagePart)
    {
        using var response = await _host.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await EmulatorTestHost.ErrorAsync(response);
        Assert.Equal("0x80060888", error.Code);
        Assert.Contains(messagePart, error.Message);
    }

    [Fact]
    public async Task OrderingByTheSameColumnTwice_Answers400_OrderByColumnsMustBeUnique()
    {
        using var response = await _host.GetAsync("accounts?$orderby=name,name desc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("0x80048d16", (await EmulatorTestHost.ErrorAsync(response)).Code);
    }

    [Fact]
    public async Task OrderBy_SortsCaseInsensitively_WithMultipleKeys()
    {
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "b", ["customertypecode"] = 3 });
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "A", ["customertypecode"] = 11 });
        await _host.CreateAsync("accounts", new JsonObject { ["name"] = "C", ["customertypecode"] = 3 });
        using var response = await _host.GetAsync("accounts?$select=name&$orderby=customertypecode desc,name asc");
        var names = (await EmulatorTestHost.JsonAsync(response))["value"]!.AsArray().Select(v => (string)v!["name"]!);
        Assert.Equal(["A", "b", "C"], names);
    }

    [Fact]
    public async Task NamesWithQuotesAmpersandsPercentsAndNonAsciiLetters_RoundTripAndFilter()
    {
        const string tricky = "O'Brien & Co. 100%_+#";
        const string accented = "Zoë Ærø München Łódź";
        var id = await _host.CreateAsync("accounts", new JsonObject { ["name"] = tricky, ["accountnumber"] = "AB&C+#%" });
        var id2 = await _host.CreateAsync("accounts", new JsonObject { ["name"] = accented });
        await SeedAsync("O Brien and Co 100 plus", "Unrelated");

        using var byId = await _host.GetAsync($"accounts({id})?$select=name");
        Assert.Equal(tricky, (string)(await EmulatorTestHost.JsonAsync(byId))["name"]!);

        var literal = Uri.EscapeDataString("'" + tricky.Replace("'", "''") + "'");
        using var filtered = await _host.GetAsync($"accounts?$select=name&$filter=name%20eq%20{literal}");
        var rows = (await EmulatorTestHost.JsonAsync(filtered))["value"]!.AsArray();
        Assert.Equal(id.ToString(), (string)Assert.Single(rows)!["accountid"]!);

        var upper = Uri.EscapeDataString("'" + accented.ToUpperInvariant() + "'");
        using var accentFiltered = await _host.GetAsync($"accounts?$select=name&$filter=name%20eq%20{upper}");
        var accentRow = Assert.Single((await EmulatorTestHost.JsonAsync(accentFiltered))["value"]!.AsArray());
        Assert.Equal(accented, (string)accentRow!["name"]!);
        Assert.Equal(id2.ToString(), (string)accentRow["accountid"]!);

        var escapedContains = Uri.EscapeDataString("contains(name,'O''Brien & Co. 100[%][_]+#')");
        using var contains = await _host.GetAsync($"accounts?$select=name&$filter={escapedContains}");
        Assert.Equal(id.ToString(), (string)Assert.Single((await EmulatorTestHost.JsonAsync(contains))["value"]!.AsArray())!["accountid"]!);

        var key = Uri.EscapeDataString("AB&C+#%");
        using var byKey = await _host.GetAsync($"accounts(accountnumber='{key}')?$select=name");
        Assert.Equal(HttpStatusCode.OK, byKey.StatusCode);
        Assert.Equal(tricky, (string)(await EmulatorTestHost.JsonAsync(byKey))["name"]!);
    }

    [Fact]
    public async Task AnUnencodedPlus_TurnsIntoASpace_AsInDataverse()
    {
        await SeedAsync("A B", "A+B");
        using var response = await _host.GetAsync("accounts?$select=name&$filter=name eq 'A+B'");
        Assert.Equal("A B", (string)Assert.Single((await EmulatorTestHost.JsonAsync(response))["value"]!.AsArray())!["name"]!);
    }

    [Fact]
    public async Task FiltersOnLookupValuesAndDates_Work()
    {
        var parent = await _host.CreateAsync("accounts", new JsonObject { ["name"] = "Parent" });
        await _host.CreateAsync("contacts", new JsonObject { ["lastname"] = "Child", ["parentcustomerid_account@odata.bind"] = $"/accounts({parent})" });
        await _host.CreateAsync("contacts", new JsonObject { ["lastname"] = "Orphan" });
        using var byParent = await _host.GetAsync($"contacts?$select=lastname&$filter=_parentcustomerid_value eq {parent} and modifiedon ge 2026-03-04T10:20:30Z");
        Assert.Equal("Child", (string)Assert.Single((await EmulatorTestHost.JsonAsync(byParent))["value"]!.AsArray())!["lastname"]!);
        using var later = await _host.GetAsync("contacts?$select=lastname&$filter=modifiedon gt 2026-03-04T10:20:30Z");
        Assert.Empty((await EmulatorTestHost.JsonAsync(later))["value"]!.AsArray());
    }
}
