using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Appendix A 11–14 and escaping: paging through nextLink, counts, names with quotes, ampersands and non-ASCII letters.</summary>
public sealed class DataverseClientQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task CreateAccountsAsync(EmulatorConnection dv, params (string Name, int Type)[] accounts)
    {
        foreach (var (name, type) in accounts)
        {
            await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = name, ["customertypecode"] = type }, ct: Ct);
        }
    }

    [Fact]
    public async Task TinyPages_FollowNextLinkExactly_UntilALastPageWithoutNextLink()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        await CreateAccountsAsync(dv, ("A", 3), ("B", 3), ("C", 3), ("D", 3), ("E", 3));

        var pages = new List<DataversePage>();
        await foreach (var page in dv.Client.QueryPagesAsync(DataverseQuery.From("accounts").Select("name").OrderBy("name").OrderBy("accountid"), pageSize: 2, Ct))
        {
            pages.Add(page);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Rows.Count));
        Assert.Equal(["A", "B", "C", "D", "E"], pages.SelectMany(p => p.Rows).Select(r => r.GetString("name")));
        Assert.NotNull(pages[0].NextLink);
        Assert.Null(pages[2].NextLink);
        var gets = dv.Logged(3, r => r.Method == "GET" && r.Target.Contains("accounts", StringComparison.Ordinal));
        Assert.Equal(3, gets.Count);
        Assert.DoesNotContain(gets, r => r.Target.Contains("$skip=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagingStaysCompleteWhileRowsAreInsertedBetweenPages()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        await CreateAccountsAsync(dv, ("B", 3), ("D", 3), ("F", 3), ("H", 3));

        var names = new List<string>();
        var inserted = false;
        await foreach (var row in dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").OrderBy("name").OrderBy("accountid"), pageSize: 2, Ct))
        {
            names.Add(row.GetString("name")!);
            if (!inserted)
            {
                // A row sorting before the cursor must not shift later pages (last-key cookie, not an offset).
                await CreateAccountsAsync(dv, ("A", 3));
                inserted = true;
            }
        }

        Assert.Equal(["B", "D", "F", "H"], names);
    }

    [Fact]
    public async Task CountWithFilter_UsesODataCount_AndCountWithoutFilter_UsesDollarCount()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        await CreateAccountsAsync(dv, ("Vendor 1", 11), ("Vendor 2", 11), ("Customer", 3));

        var vendors = await dv.Client.CountAsync(DataverseTable.Accounts, Filter.Eq("customertypecode", 11), Ct);
        var all = await dv.Client.CountAsync(DataverseTable.Accounts, ct: Ct);

        Assert.Equal(2, vendors);
        Assert.Equal(3, all);
        Assert.Single(dv.Logged(1, r => r.Target.Contains("accounts/$count", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ANameLikeOBrienAndCo_RoundTripsAndFiltersCorrectly()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        const string name = "O'Brien & Co. 100%_+#";
        var id = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = name }, ct: Ct);
        // Decoys that a broken escape would match: wildcards, a cut-off at '&' or '#', a '+' turned into a space.
        await CreateAccountsAsync(dv, ("O'Brien ", 3), ("O'Brien & Co. 100", 3), ("O'Brien & Co. 100xx + ", 3), ("OBrien & Co. 100%_ #", 3));

        var read = await dv.Client.RetrieveAsync(DataverseTable.Accounts, id, ["name"], Ct);
        var byEq = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        var byContains = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(Filter.Contains("name", "100%_+#")), ct: Ct).ToListAsync(Ct);
        var byStart = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(Filter.StartsWith("name", "O'Brien & Co. 100%")), ct: Ct).ToListAsync(Ct);
        var byKey = await dv.Client.UpsertAsync(DataverseTable.Accounts, DataverseKey.Alternate(("accountnumber", "#&+%'_")), new JsonObject { ["name"] = name }, returnColumns: ["accountnumber"], ct: Ct);

        Assert.Equal(name, read!.GetString("name"));
        Assert.Equal(id, Assert.Single(byEq).GetId(DataverseTable.Accounts));
        Assert.Equal(id, Assert.Single(byContains).GetId(DataverseTable.Accounts));
        Assert.Equal(id, Assert.Single(byStart).GetId(DataverseTable.Accounts));
        Assert.Equal("#&+%'_", byKey.Row!.GetString("accountnumber"));
    }

    [Theory]
    [InlineData("Müller & Söhne GmbH")]
    [InlineData("Ærø Łódź Ångström")]
    [InlineData("Ελληνικά 'quoted' #1")]
    [InlineData("a+b=c?d/e;f,g:h@i$j")]
    [InlineData("50% off_sale [x]")]
    public async Task NamesWithSpecialCharactersAndNonAsciiLetters_RoundTripAndMatchOnlyThemselves(string name)
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var id = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = name }, ct: Ct);
        await CreateAccountsAsync(dv, (name + "x", 3), ("x" + name[1..], 3));

        var exact = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(Filter.Eq("name", name)), ct: Ct).ToListAsync(Ct);
        var caseInsensitive = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(Filter.Eq("name", name.ToUpperInvariant())), ct: Ct).ToListAsync(Ct);

        Assert.Equal(name, Assert.Single(exact).GetString("name"));
        Assert.Equal(id, Assert.Single(caseInsensitive).GetId(DataverseTable.Accounts));
    }

    [Fact]
    public async Task CombinedFilters_OnLookupsStatesAndTypes_SelectTheBusinessCentralScope()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var company = Guid.NewGuid();
        await dv.Client.CreateAsync(DataverseTable.Companies, new JsonObject { ["bcbi_name"] = "CRONUS" }, company, Ct);
        var mine = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Mine", ["customertypecode"] = 3 }
            .Bind("bcbi_companyid", DataverseTable.Companies, company), ct: Ct);
        var unassigned = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Unassigned", ["customertypecode"] = 3 }, ct: Ct);
        await CreateAccountsAsync(dv, ("A vendor", 11));

        var scope = Filter.Eq("statecode", 0) & Filter.Eq("customertypecode", 3)
                    & (Filter.LookupEq("bcbi_companyid", company) | Filter.LookupEq("bcbi_companyid", null));
        var rows = await dv.Client.QueryAsync(DataverseQuery.From("accounts").Select("name").Where(scope).OrderBy("name"), ct: Ct).ToListAsync(Ct);

        Assert.Equal([mine, unassigned], rows.Select(r => r.GetId(DataverseTable.Accounts)));
    }
}
