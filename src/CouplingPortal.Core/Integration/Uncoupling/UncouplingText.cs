using System.Globalization;
using System.Resources;

namespace CouplingPortal.Core.Integration.Uncoupling;

/// <summary>Uncoupling's job messages and errors in English and Dutch (UncouplingMessages*.resx), by UI culture.</summary>
public static class UncouplingText
{
    internal static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Integration.Uncoupling.UncouplingMessages", typeof(UncouplingText).Assembly);

    internal static string Get(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing message resource '{key}'."), args);
}
