using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Querying;

public sealed class DataverseQueryTests
{
    [Fact]
    public void StringLiteral_DoublesSingleQuotes()
    {
        Assert.Equal("name eq 'O''Brien'", Filter.Eq("name", "O'Brien").ToODataString());
        Assert.Equal("name eq ''''''", Filter.Eq("name", "''").ToODataString());
    }

    [Fact]
    public void FilterOption_IsUrlEncodedAsAWhole_SoAmpersandPlusHashAndPercentCannotBreakTheQuery()
    {
        var query = DataverseQuery.From("accounts").Select("name").Where(Filter.Eq("name", "O'Brien & Co. 100%_+#"));

        Assert.Equal("accounts?$select=name&$filter=name%20eq%20%27O%27%27Brien%20%26%20Co.%20100%25_%2B%23%27", query.ToRelativeUrl());
        var filter = query.ToQueryString().Split('&').Single(p => p.StartsWith("$filter=", StringComparison.Ordinal));
        Assert.Equal("name eq 'O''Brien & Co. 100%_+#'", Uri.UnescapeDataString(filter["$filter=".Length..]));
    }

    [Fact]
    public void InjectionAttempt_StaysInsideTheStringLiteral()
    {
        var filter = Filter.Eq("name", "x' or name ne 'y");

        Assert.Equal("name eq 'x'' or name ne ''y'", filter.ToODataString());
    }

    [Fact]
    public void NonAsciiLetters_AreEncodedAsUtf8()
    {
        var query = DataverseQuery.From("accounts").Where(Filter.Eq("name", "Müller Ærø Łódź"));

        Assert.Contains("M%C3%BCller", query.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal("$filter=name eq 'Müller Ærø Łódź'", Uri.UnescapeDataString(query.ToQueryString()));
    }

    [Fact]
    public void GuidsDatesNumbersBooleansAndNull_AreBareLiterals()
    {
        var id = Guid.Parse("0d8e3f2a-1111-4222-8333-944455556666");
        var filter = Filter.LookupEq("parentcustomerid", id)
                     & Filter.Ge("modifiedon", new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc))
                     & Filter.Eq("customertypecode", 3)
                     & Filter.Eq("creditlimit", 1234.5m)
                     & Filter.Eq("donotemail", false)
                     & Filter.IsNull("accountnumber");

        Assert.Equal(
            "(((((_parentcustomerid_value eq 0d8e3f2a-1111-4222-8333-944455556666 and modifiedon ge 2024-05-01T10:00:00Z) and customertypecode eq 3) and creditlimit eq 1234.5) and donotemail eq false) and accountnumber eq null)",
            filter.ToODataString());
    }

    [Fact]
    public void DateTimeOffset_IsConvertedToUtc()
    {
        var local = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal("modifiedon ge 2024-05-01T10:00:00Z", Filter.Ge("modifiedon", local).ToODataString());
    }

    [Fact]
    public void AndOrNot_AreGroupedExplicitly()
    {
        var filter = (Filter.Eq("statecode", 0) & Filter.Eq("customertypecode", 3)) | !Filter.Eq("name", "a");

        Assert.Equal("((statecode eq 0 and customertypecode eq 3) or not (name eq 'a'))", filter.ToODataString());
    }

    [Fact]
    public void StringFunctions_BracketSqlWildcards_SoUserInputMatchesLiterally()
    {
        Assert.Equal("contains(name,'100[%][_]x')", Filter.Contains("name", "100%_x").ToODataString());
        Assert.Equal("startswith(name,'[[]a]''b')", Filter.StartsWith("name", "[a]'b").ToODataString());
    }

    [Fact]
    public void ColumnNames_AreValidated_SoTheyCannotCarryExpressions()
    {
        Assert.Throws<ArgumentException>(() => Filter.Eq("name eq 'x' or name", "y"));
        Assert.Throws<ArgumentException>(() => DataverseQuery.From("accounts").Select("name,accountid"));
        Assert.Throws<ArgumentException>(() => DataverseQuery.From("accounts").OrderBy("name desc"));
    }

    [Fact]
    public void OrderByTopAndCount_AreRendered()
    {
        var query = DataverseQuery.From("accounts").Select("name", "accountid").OrderBy("modifiedon").OrderByDescending("accountid").Top(5).WithCount();

        Assert.Equal("accounts?$select=name,accountid&$orderby=modifiedon%20asc%2Caccountid%20desc&$top=5&$count=true", query.ToRelativeUrl());
    }

    [Fact]
    public void In_OrsTheValues_AndRefusesAnEmptyList()
    {
        Assert.Equal("(accountnumber eq 'A' or accountnumber eq 'B')", Filter.In("accountnumber", ["A", "B"]).ToODataString());
        Assert.Throws<ArgumentException>(() => Filter.In("accountnumber", []));
    }

    [Fact]
    public void AlternateKeySegment_EscapesAndEncodesTheLiteral()
    {
        var key = DataverseKey.Alternate(("accountnumber", "C'1/0#"));

        Assert.Equal("accounts(accountnumber=%27C%27%271%2F0%23%27)", key.ToPath(DataverseTable.Accounts));
        Assert.Equal("accounts(0d8e3f2a-1111-4222-8333-944455556666)", DataverseKey.Id(Guid.Parse("0d8e3f2a-1111-4222-8333-944455556666")).ToPath("accounts"));
    }

    [Theory]
    [InlineData("accounts", "accountid")]
    [InlineData("contacts", "contactid")]
    [InlineData("products", "productid")]
    [InlineData("systemusers", "systemuserid")]
    [InlineData("transactioncurrencies", "transactioncurrencyid")]
    [InlineData("bcbi_companies", "bcbi_companyid")]
    public void TableFromEntitySet_DerivesThePrimaryKey(string entitySet, string primaryKey)
    {
        DataverseTable table = entitySet;

        Assert.Equal(primaryKey, table.PrimaryKey);
    }
}
