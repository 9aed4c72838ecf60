using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration;

/// <summary>Integration messages and captions in English and Dutch (Resources/IntegrationMessages*.resx), by UI culture.</summary>
public static class IntegrationText
{
    private static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Resources.IntegrationMessages", typeof(IntegrationText).Assembly);

    public static string TableCaption(LocalTable table) => Resource("Table_" + table) ?? table.ToString();

    public static string OperatorCaption(FilterOperator op) => Resource("Operator_" + op) ?? op.ToString();

    internal static string Message(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Resource(key) ?? throw new InvalidOperationException($"Missing message resource '{key}'."), args);

    private static string? Resource(string key) => Messages.GetString(key, CultureInfo.CurrentUICulture);
}
