using System.Net;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Querying;
using CouplingPortal.DataverseEmulator.Storage;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Tests.Querying;

public sealed class FilterParserTests
{
    private static readonly TableDefinition Account = EmulatorMetadata.Instance.ByLogicalName["account"];
    private static readonly Guid ContactId = new("0d8e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a");

    private static EntityRow Row(string? name, int? type = 3, string? number = null, DateTime? modified = null, Guid? primaryContact = null) =>
        new(Guid.NewGuid(), new Dictionary<string, object?>
        {
            ["name"] = name, ["customertypecode"] = type, ["accountnumber"] = number,
            ["modifiedon"] = modified ?? new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc),
            ["primarycontactid"] = primaryContact is { } id ? new EntityReference("contact", id) : null,
        });

    private static bool Matches(string filter, EntityRow row) => FilterParser.Parse(filter, Account).Matches(row);

    [Fact]
    public void Comparisons_OnStrings_AreCaseInsensitive()
    {
        Assert.True(Matches("name eq 'adatum corporation'", Row("Adatum Corporation")));
        Assert.False(Matches("name ne 'ADATUM CORPORATION'", Row("Adatum Corporation")));
        Assert.True(Matches("name gt 'a' and name lt 'B'", Row("adatum")));
    }

    [Fact]
    public void DoubledQuotes_InsideLiterals_MatchASingleQuote()
    {
        Assert.True(Matches("name eq 'O''Brien & Co. 100%_+#'", Row("O'Brien & Co. 100%_+#")));
    }

    [Fact]
    public void NonAsciiLetters_CompareWithoutTransformation()
    {
        Assert.True(Matches("name eq 'münchen ÆØÅ'", Row("München æøå")));
        Assert.False(Matches("name eq 'Munchen'", Row("München")));
    }

    [Fact]
    public void AndBindsTighterThanOr_AndParenthesesRegroup()
    {
        var row = Row("X", type: 11);
        Assert.True(Matches("customertypecode eq 3 and name eq 'Y' or customertypecode eq 11", row));
        Assert.False(Matches("customertypecode eq 3 and (name eq 'Y' or customertypecode eq 11)", row));
        Assert.True(Matches("not (customertypecode eq 3)", row));
        Assert.False(Matches("not customertypecode eq 11", row));
    }

    [Fact]
    public void NullLiterals_FollowSqlEquality()
    {
        Assert.True(Matches("accountnumber eq null", Row("A")));
        Assert.False(Matches("accountnumber ne null", Row("A")));
        Assert.True(Matches("accountnumber ne null", Row("A", number: "C1")));
        Assert.False(Matches("accountnumber ne 'C1'", Row("A")));
    }

    [Fact]
    public void BareGuids_CompareWithLookupValueColumns()
    {
        Assert.True(Matches($"_primarycontactid_value eq {ContactId}", Row("A", primaryContact: ContactId)));
        Assert.False(Matches($"_primarycontactid_value eq {Guid.NewGuid()}", Row("A", primaryContact: ContactId)));
        Assert.True(Matches("_primarycontactid_value eq null", Row("A")));
    }

    [Fact]
    public void GuidsStartingWithLetters_AreReadAsGuids()
    {
        var id = new Guid("dd8e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a");
        Assert.True(Matches($"_primarycontactid_value eq {id}", Row("A", primaryContact: id)));
    }

    [Fact]
    public void BareDateTimes_CompareWithDateColumns()
    {
        var row = Row("A", modified: new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc));
        Assert.True(Matches("modifiedon ge 2024-05-01T10:00:00Z", row));
        Assert.False(Matches("modifiedon gt 2024-05-01T10:00:00Z", row));
        Assert.True(Matches("modifiedon lt 2024-05-01T12:00:00+01:00", row));
    }

    [Fact]
    public void StringFunctions_TreatSqlWildcardsAsWildcards_LikeDataverse()
    {
        Assert.True(Matches("contains(name,'brien')", Row("O'Brien")));
        Assert.True(Matches("startswith(name,'o''b')", Row("O'Brien")));
        Assert.True(Matches("endswith(name,'IEN')", Row("O'Brien")));
        Assert.False(Matches("startswith(name,'Brien')", Row("O'Brien")));
        Assert.True(Matches("contains(name,'100%_')", Row("Co. 100 and more")));
        Assert.True(Matches("contains(name,'100[%][_]')", Row("Co. 100%_+#")));
        Assert.False(Matches("contains(name,'100[%][_]')", Row("Co. 100 and more")));
    }

    [Fact]
    public void DataverseInFunction_MatchesAnyListedValue()
    {
        var filter = "Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=[\"C1\",\"c2\"])";
        Assert.True(Matches(filter, Row("A", number: "C2")));
        Assert.False(Matches(filter, Row("A", number: "C3")));
    }

    [Theory]
    [InlineData("nosuchcolumn eq 1", "Could not find a property named 'nosuchcolumn' on type 'Microsoft.Dynamics.CRM.account'.")]
    [InlineData("primarycontactid/fullname eq 'x'", "navigation path")]
    [InlineData("name eq 3", "incompatible types")]
    [InlineData("name eq 'x", "unterminated string")]
    [InlineData("name eq 'x' and", "Syntax error")]
    [InlineData("customertypecode add 1 eq 4", "not supported")]
    [InlineData("tolower(name) eq 'x'", "unknown function")]
    public void InvalidFilters_AreRefusedWithBadRequest(string filter, string messagePart)
    {
        var e = Assert.Throws<DataverseException>(() => FilterParser.Parse(filter, Account));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Contains(messagePart, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
