using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CouplingPortal.Web.Localization;

public static class PortalLocalizationExtensions
{
    public const string CultureEndpointPath = "/culture/set";

    /// <summary>The cultures offered in the app bar, each named in its own language.</summary>
    public static readonly IReadOnlyList<(string Culture, string NativeName)> OfferedCultures =
    [
        ("en-US", "English"),
        ("nl-NL", "Nederlands"),
    ];

    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            // Neutral cultures too, so a browser that asks for "nl" or "nl-BE" is answered in Dutch.
            CultureInfo[] supported = [new("en-US"), new("nl-NL"), new("en"), new("nl")];
            options.DefaultRequestCulture = new RequestCulture("en-US");
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        return builder;
    }

    /// <summary>
    /// Sets ASP.NET Core's culture cookie and sends the browser back, which reloads the page and starts a new
    /// circuit in the chosen culture. A GET like the documented Blazor pattern: it changes only a display preference.
    /// </summary>
    public static WebApplication MapCultureEndpoint(this WebApplication app)
    {
        app.MapGet(CultureEndpointPath, (HttpContext context, string? culture, string? redirectUri) =>
        {
            if (culture is not null && OfferedCultures.Any(c => c.Culture == culture))
            {
                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            }
            var target = !string.IsNullOrEmpty(redirectUri) && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//") ? redirectUri : "/";
            return Results.LocalRedirect(target);
        });
        return app;
    }
}
