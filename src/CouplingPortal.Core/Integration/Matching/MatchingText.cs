using System.Globalization;
using System.Resources;

namespace CouplingPortal.Core.Integration.Matching;

/// <summary>Match-based coupling's job messages and line reasons in English and Dutch (MatchingMessages*.resx), by UI culture.</summary>
public static class MatchingText
{
    internal static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Integration.Matching.MatchingMessages", typeof(MatchingText).Assembly);

    internal static string Get(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing message resource '{key}'."), args);
}
