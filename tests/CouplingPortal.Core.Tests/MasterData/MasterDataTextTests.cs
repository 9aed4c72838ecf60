using System.Collections;
using System.Globalization;
using System.Resources;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Validation;

namespace CouplingPortal.Core.Tests.MasterData;

public sealed class MasterDataTextTests
{
    [Theory]
    [InlineData("FieldCaptions")]
    [InlineData("ValidationMessages")]
    public void DutchResources_HaveEveryEnglishKey(string resource)
    {
        var manager = new ResourceManager($"CouplingPortal.Core.Resources.{resource}", typeof(MasterDataText).Assembly);
        var english = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var dutch = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("nl"), createIfNotExists: true, tryParents: false)!);

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(), dutch.Order());
    }

    [Fact]
    public void EveryMasterDataField_HasACaptionInBothLanguages()
    {
        var manager = new ResourceManager("CouplingPortal.Core.Resources.FieldCaptions", typeof(MasterDataText).Assembly);
        var fields = typeof(MasterRecord).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MasterRecord)))
            .SelectMany(t => t.GetProperties().Select(p => p.Name))
            .Distinct();

        Assert.All(fields, field => Assert.NotNull(manager.GetString(field, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Captions_FollowTheUiCulture()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
            Assert.Equal("Telefoonnr.", MasterDataText.FieldCaption("PhoneNo"));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
            Assert.Equal("Phone No.", MasterDataText.FieldCaption("PhoneNo"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static List<string> Keys(ResourceSet set) =>
        set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();
}
