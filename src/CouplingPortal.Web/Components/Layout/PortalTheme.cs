using MudBlazor;

namespace CouplingPortal.Web.Components.Layout;

/// <summary>Business Central's look: a dark navy app bar, teal accents, Segoe UI, compact and flat surfaces.</summary>
internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00717A",
            Secondary = "#505C6D",
            Tertiary = "#8E562E",
            AppbarBackground = "#0B2135",
            AppbarText = "#FFFFFF",
            Background = "#F4F5F7",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#212121",
            DrawerIcon = "#00717A",
            TextPrimary = "#212121",
            TextSecondary = "#505C6D",
            LinesDefault = "#E1E3E6",
            TableLines = "#E8EAED",
            TableHover = "#EEF6F6",
            TableStriped = "#FAFAFB",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
                FontSize = "0.875rem",
            },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "4px",
            AppbarHeight = "52px",
            DrawerWidthLeft = "264px",
        },
    };
}
