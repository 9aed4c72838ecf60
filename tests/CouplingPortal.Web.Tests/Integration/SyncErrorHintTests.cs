using System.Globalization;
using CouplingPortal.Web.Components.Pages.Integration;

namespace CouplingPortal.Web.Tests.Integration;

public sealed class SyncErrorHintTests
{
    [Theory]
    [InlineData("Dataverse answered 429 Too Many Requests.", false, SyncErrorKind.Transient)]
    [InlineData("Anything at all", true, SyncErrorKind.Transient)]
    [InlineData("The request timed out after 100 seconds.", false, SyncErrorKind.Transient)]
    [InlineData("Dataverse answered 503 Service Unavailable.", false, SyncErrorKind.Transient)]
    [InlineData("The Customer record cannot be updated because it is coupled to a deleted record.", false, SyncErrorKind.CoupledToDeletedRecord)]
    [InlineData("Cannot update a record in the Customer table. The mapping between Customer and account is bi-directional, and one or both values have changed since the last synchronization.", false, SyncErrorKind.BidirectionalConflict)]
    [InlineData("The currency EUR is not coupled to a Dataverse transactioncurrency.", false, SyncErrorKind.MissingRelatedRecord)]
    [InlineData("Salesperson JR for ownerid could not be found.", false, SyncErrorKind.MissingRelatedRecord)]
    [InlineData("Principal user (Id=1) is missing prvCreateAccount privilege (Id=2) on OTC=1.", false, SyncErrorKind.MissingPrivilege)]
    [InlineData("A validation error occurred. The length of the 'name' attribute exceeded the maximum allowed length of '160'.", false, SyncErrorKind.Other)]
    [InlineData("Customer 50000 failed: the Name field must not be empty.", false, SyncErrorKind.Other)]
    public void Classify_RecognisesTheKindOfError(string message, bool isTransient, SyncErrorKind expected)
    {
        Assert.Equal(expected, SyncErrorHint.Classify(message, isTransient));
    }

    [Theory]
    [InlineData("en-US", "Dataverse answered 429 Too Many Requests.", "will clear by itself on the next run")]
    [InlineData("nl-NL", "Dataverse answered 429 Too Many Requests.", "lost zichzelf op bij de volgende uitvoering")]
    [InlineData("en-US", "The Customer record cannot be updated because it is coupled to a deleted record.", "Restore Records")]
    [InlineData("nl-NL", "The Customer record cannot be updated because it is coupled to a deleted record.", "Records herstellen")]
    [InlineData("en-US", "The mapping between Customer and account is bi-directional, and one or both values have changed since the last synchronization.", "Send data update to Dataverse")]
    [InlineData("nl-NL", "The mapping between Customer and account is bi-directional, and one or both values have changed since the last synchronization.", "Gegevensupdate ophalen uit Dataverse")]
    [InlineData("en-US", "The currency EUR is not coupled.", "Couple the related record first")]
    [InlineData("nl-NL", "The currency EUR is not coupled.", "Koppel eerst het gerelateerde record")]
    [InlineData("en-US", "User is missing prvWriteAccount privilege.", "grant it")]
    [InlineData("nl-NL", "User is missing prvWriteAccount privilege.", "Dataverse-beheerder")]
    [InlineData("en-US", "The Name field must not be empty.", "The Name field must not be empty. Fix the data and choose Retry.")]
    [InlineData("nl-NL", "The Name field must not be empty.", "The Name field must not be empty. Corrigeer de gegevens en kies Opnieuw proberen.")]
    public void For_GivesTheHintInTheUsersLanguage(string culture, string message, string expected)
    {
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Contains(expected, SyncErrorHint.For(message, isTransient: false), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    [Fact]
    public void ClearsByItself_OnlyForTransientErrors()
    {
        Assert.True(SyncErrorHint.ClearsByItself("Gateway Timeout", isTransient: false));
        Assert.True(SyncErrorHint.ClearsByItself("whatever Dataverse said", isTransient: true));
        Assert.False(SyncErrorHint.ClearsByItself("The Customer record cannot be updated because it is coupled to a deleted record.", isTransient: false));
    }
}
