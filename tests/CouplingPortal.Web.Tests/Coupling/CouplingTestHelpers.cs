using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CouplingPortal.Web.Tests.CouplingUi;

internal static class CouplingTestHelpers
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The input behind an id MudBlazor put on the input or on its wrapper.</summary>
    public static IElement Input(this IRenderedComponent<IComponent> cut, string id)
    {
        var element = cut.Find($"[id='{id}']");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    /// <summary>The menu item with the given id (items live in the popover provider while the menu is open).</summary>
    public static MudMenuItem? MenuItem(IRenderedComponent<MudPopoverProvider> popovers, string id) =>
        popovers.FindComponents<MudMenuItem>().Select(c => c.Instance)
            .FirstOrDefault(i => Equals(i.UserAttributes.GetValueOrDefault("id"), id));

    public static IRenderedComponent<IComponent> AsAny<T>(this IRenderedComponent<T> cut) where T : IComponent =>
        (IRenderedComponent<IComponent>)(object)cut;
}
