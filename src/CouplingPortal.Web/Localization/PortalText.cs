namespace CouplingPortal.Web.Localization;

/// <summary>
/// Anchor for the portal's UI texts: <c>PortalText.resx</c> (English, the default) and <c>PortalText.nl.resx</c>
/// (Dutch), one key per caption, with Business Central's captions where it has them.
/// </summary>
public sealed class PortalText;
