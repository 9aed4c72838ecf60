using System.Net;
using CouplingPortal.Dataverse.Errors;

namespace CouplingPortal.Dataverse.Tests.Errors;

public sealed class DataverseErrorTests
{
    [Fact]
    public void ErrorBody_IsParsedIntoStatusCodeAndMessage()
    {
        var ex = DataverseErrorReader.FromBody(HttpStatusCode.NotFound,
            """{"error":{"code":"0x80040217","message":"Entity 'account' With Id = 6f1a Does Not Exist"}}""", "req-1");

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(DataverseErrorCodes.ObjectDoesNotExist, ex.ErrorCode);
        Assert.Equal("Entity 'account' With Id = 6f1a Does Not Exist", ex.Message);
        Assert.Equal("req-1", ex.RequestId);
        Assert.True(ex.IsNotFound);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void DecimalThrottlingCodes_AreNormalisedToHex()
    {
        var ex = DataverseErrorReader.FromBody(HttpStatusCode.TooManyRequests, """{"error":{"code":"-2147015902","message":"Number of requests exceeded"}}""");

        Assert.Equal(DataverseErrorCodes.ThrottlingRequests, ex.ErrorCode);
        Assert.True(ex.IsThrottling);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public void EmptyCodeAndNonJsonBodies_StillGiveAUsefulMessage()
    {
        Assert.Null(DataverseErrorReader.FromBody(HttpStatusCode.PreconditionFailed, """{"error":{"code":"","message":"x"}}""").ErrorCode);
        Assert.Equal("<html>gateway</html>", DataverseErrorReader.FromBody(HttpStatusCode.BadGateway, "<html>gateway</html>").Message);
        Assert.Contains("400", DataverseErrorReader.FromBody(HttpStatusCode.BadRequest, "").Message, StringComparison.Ordinal);
        Assert.Equal("Could not find a property named 'x'.",
            DataverseErrorReader.FromBody(HttpStatusCode.BadRequest, """{"error":{"code":"","innererror":{"message":"Could not find a property named 'x'."}}}""").Message);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(412, false)]
    public void StatusCodes_AreClassifiedTransientOrPermanent(int status, bool transient)
    {
        Assert.Equal(transient, new DataverseException((HttpStatusCode)status, null, "x").IsTransient);
    }

    [Fact]
    public void NetworkFailuresAndTimeouts_AreTransient_ProgrammingErrorsAreNot()
    {
        Assert.True(new DataverseException(null, null, "x", new HttpRequestException("refused")).IsTransient);
        Assert.True(new DataverseException(null, null, "x", new Polly.Timeout.TimeoutRejectedException()).IsTransient);
        Assert.False(new DataverseException(null, null, "x", new InvalidOperationException()).IsTransient);
    }

    [Fact]
    public void SqlErrors_AreTransientEvenWithAPermanentStatus()
    {
        Assert.True(new DataverseException(HttpStatusCode.BadRequest, "0x80044150", "Generic SQL error").IsTransient);
    }

    [Fact]
    public void KeyAndConcurrencyConflicts_AreRecognised()
    {
        Assert.True(new DataverseException(HttpStatusCode.PreconditionFailed, "0x80040237", "x").IsDuplicateKey);
        Assert.True(new DataverseException(HttpStatusCode.PreconditionFailed, "0x80060892", "x").IsDuplicateKey);
        Assert.True(new DataverseException(HttpStatusCode.PreconditionFailed, "0x80060882", "x").IsConcurrencyConflict);
        Assert.True(new DataverseException(HttpStatusCode.BadRequest, "0x80044352", "x").RequiresFullSync);
    }
}
