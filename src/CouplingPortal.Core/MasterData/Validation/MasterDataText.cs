using System.Globalization;
using System.Resources;

namespace CouplingPortal.Core.MasterData.Validation;

/// <summary>
/// Business Central field captions and validation messages in English and Dutch, chosen by
/// <see cref="CultureInfo.CurrentUICulture"/> (Resources/FieldCaptions*.resx, Resources/ValidationMessages*.resx).
/// </summary>
public static class MasterDataText
{
    private static readonly ResourceManager Captions =
        new("CouplingPortal.Core.Resources.FieldCaptions", typeof(MasterDataText).Assembly);

    private static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Resources.ValidationMessages", typeof(MasterDataText).Assembly);

    /// <summary>The caption of an entity property ("PhoneNo" → "Phone No." / "Telefoonnr."); the name itself if unknown.</summary>
    public static string FieldCaption(string propertyName) =>
        Captions.GetString(propertyName, CultureInfo.CurrentUICulture) ?? propertyName;

    internal static string Message(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing message resource '{key}'."),
            args);
}
