using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>The synchronization engine's texts (job messages, reasons, errors) in English and Dutch, by UI culture.</summary>
public static class SyncText
{
    internal const string BaseName = "CouplingPortal.Core.Integration.Synchronization.SyncMessages";

    private static readonly ResourceManager Messages = new(BaseName, typeof(SyncText).Assembly);

    public static string Direction(SyncDirection direction) => Message("Direction_" + direction);

    internal static string Message(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing message resource '{key}'."), args);
}
