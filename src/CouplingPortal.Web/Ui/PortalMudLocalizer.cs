using CouplingPortal.Web.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CouplingPortal.Web.Ui;

/// <summary>
/// Gives MudBlazor's built-in texts (pager, selection, sorting) in the portal's languages. MudBlazor ships only
/// English; its keys are kept in PortalText.resx under their own names and with MudBlazor's placeholders, and a key
/// the portal does not carry falls back to MudBlazor's English.
/// </summary>
internal sealed class PortalMudLocalizer(IStringLocalizer<PortalText> text) : MudLocalizer
{
    public override LocalizedString this[string key] => text[key];

    public override LocalizedString this[string key, params object[] arguments] => text[key, arguments];
}
