using CouplingPortal.DataverseEmulator.Querying;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Tests.Querying;

public sealed class PagingTokenTests
{
    [Fact]
    public void Token_RoundTripsEveryKindOfOrderValue()
    {
        var id = Guid.NewGuid();
        var values = new object?[] { "O'Brien & Co. 100%_+#", 12.5m, new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), Guid.NewGuid(), true, null };
        var token = new PagingToken(3, values, id, 42);

        var decoded = PagingToken.Decode(token.Encode("accountid"), values.Length);

        Assert.Equal(3, decoded.PageNumber);
        Assert.Equal(id, decoded.LastId);
        Assert.Equal(42, decoded.TrackingVersion);
        Assert.Equal(values, decoded.LastValues);
    }

    [Fact]
    public void Token_LooksLikeADataversePagingCookie()
    {
        var text = new PagingToken(2, [], Guid.NewGuid(), null).Encode("accountid");
        Assert.StartsWith("<cookie pagenumber=\"2\" pagingcookie=\"", text);
        Assert.Contains("istracking=\"False\"", text);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("<cookie pagenumber=\"2\" state=\"bm90IGpzb24\" />")]
    public void TamperedTokens_AreRefused(string token)
    {
        Assert.Throws<DataverseException>(() => PagingToken.Decode(token, 0));
    }

    [Fact]
    public void TokensForAnotherOrderBy_AreRefused()
    {
        var text = new PagingToken(2, ["a"], Guid.NewGuid(), null).Encode("accountid");
        Assert.Throws<DataverseException>(() => PagingToken.Decode(text, 2));
    }
}
