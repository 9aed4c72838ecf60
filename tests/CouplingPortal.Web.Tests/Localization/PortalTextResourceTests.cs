using System.Globalization;
using System.Xml.Linq;
using CouplingPortal.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CouplingPortal.Web.Tests.Localization;

public sealed class PortalTextResourceTests
{
    private static readonly string LocalizationFolder = Path.Combine(FindRepositoryRoot(), "src", "CouplingPortal.Web", "Localization");

    private static HashSet<string> Keys(string fileName) =>
        XDocument.Load(Path.Combine(LocalizationFolder, fileName)).Root!
            .Elements("data").Select(data => (string)data.Attribute("name")!).ToHashSet();

    [Fact]
    public void EveryEnglishKey_HasADutchText_AndEveryDutchKey_HasAnEnglishText()
    {
        var english = Keys("PortalText.resx");
        var dutch = Keys("PortalText.nl.resx");

        Assert.NotEmpty(english);
        Assert.Empty(english.Except(dutch).Order());
        Assert.Empty(dutch.Except(english).Order());
    }

    [Theory]
    [InlineData("Customers", "Klanten")]
    [InlineData("CustomerCard", "Klantkaart")]
    [InlineData("Vendors", "Leveranciers")]
    [InlineData("Items", "Artikelen")]
    [InlineData("IntegrationTableMappings", "Integratietabeltoewijzingen")]
    [InlineData("CoupledDataSynchronizationErrors", "Fouten met gekoppelde gegevenssynchronisatie")]
    [InlineData("MatchBasedCoupling", "Op overeenkomsten gebaseerde koppeling")]
    [InlineData("SynchronizationScheduled", "De synchronisatie is gepland.")]
    public void GlossaryCaption_IsServedInDutch_UnderADutchCulture(string key, string dutchCaption)
    {
        using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        var text = services.GetRequiredService<IStringLocalizer<PortalText>>();
        var original = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("nl-NL");
            Assert.Equal(dutchCaption, text[key].Value);
            CultureInfo.CurrentUICulture = new CultureInfo("en-US");
            Assert.NotEqual(dutchCaption, text[key].Value);
            Assert.False(text[key].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = original;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CouplingPortal.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("CouplingPortal.sln not found above the test output folder.");
    }
}
