using System.Collections;
using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration.Synchronization;

namespace CouplingPortal.Core.Tests.Integration.Engine;

public sealed class SyncTextTests
{
    [Fact]
    public void EveryEngineText_ExistsInEnglishAndDutch_WithTheSamePlaceholders()
    {
        var manager = new ResourceManager(SyncText.BaseName, typeof(SyncText).Assembly);
        var english = Read(manager, CultureInfo.InvariantCulture);
        var dutch = Read(manager, CultureInfo.GetCultureInfo("nl"));
        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), dutch.Keys.Order());
        foreach (var (key, text) in english)
            Assert.True(Placeholders(text).SetEquals(Placeholders(dutch[key])), $"{key}: the placeholders differ");
    }

    [Theory]
    [InlineData("C00099", "C00100")]
    [InlineData("10000", "10001")]
    [InlineData("9999", "10000")]
    [InlineData("SP NO. 9", "SP NO. 10")]
    [InlineData("ABC", "ABC1")]
    public void TheNumberSeries_IncreasesTheTrailingDigits_LikeBusinessCentral(string last, string next) =>
        Assert.Equal(next, NumberSeries.Increment(last));

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture) =>
        manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value)];
}
