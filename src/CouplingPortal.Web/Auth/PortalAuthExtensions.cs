using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Identity.Web;

namespace CouplingPortal.Web.Auth;

/// <summary>Which sign-in the portal runs with; registered as a singleton for the app bar and the system page.</summary>
public sealed record PortalSignInMode(bool IsDevelopmentSignIn);

public static class PortalAuthExtensions
{
    public const string AccessDeniedPath = "/access-denied";
    public const string LoginPath = "/authentication/login";
    public const string LogoutPath = "/authentication/logout";
    public const string SwitchUserPath = "/authentication/switch-user";

    /// <summary>
    /// Entra ID (OpenID Connect through Microsoft.Identity.Web) when <c>AzureAd:ClientId</c> is set; otherwise the
    /// development sign-in, which is refused outside Development unless <c>DevelopmentSignIn:Allowed</c> is true.
    /// Either way every page and endpoint needs a signed-in user (fallback policy) and admin pages need the
    /// <c>Admin</c> app role.
    /// </summary>
    public static WebApplicationBuilder AddPortalAuth(this WebApplicationBuilder builder)
    {
        var azureAd = builder.Configuration.GetSection("AzureAd");
        var useEntraId = !string.IsNullOrWhiteSpace(azureAd["ClientId"]);

        if (useEntraId)
        {
            builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(
                    identity =>
                    {
                        azureAd.Bind(identity);
                        identity.TokenValidationParameters.RoleClaimType = PortalRoles.ClaimType;
                        identity.TokenValidationParameters.NameClaimType = "name";
                    },
                    cookie => cookie.AccessDeniedPath = AccessDeniedPath);
            // Keep the token's claim names ("roles", "name") so the role and name claim types above match them.
            builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc => oidc.MapInboundClaims = false);
        }
        else
        {
            var devSignIn = builder.Configuration.GetSection(DevelopmentSignInOptions.SectionName).Get<DevelopmentSignInOptions>()
                ?? new DevelopmentSignInOptions();
            if (!builder.Environment.IsDevelopment() && !devSignIn.Allowed)
            {
                throw new InvalidOperationException(
                    $"No Entra ID sign-in is configured (AzureAd:ClientId is empty) and the development sign-in is refused in the " +
                    $"'{builder.Environment.EnvironmentName}' environment. Configure the AzureAd section, or set " +
                    $"{DevelopmentSignInOptions.SectionName}:{nameof(DevelopmentSignInOptions.Allowed)}=true for a demo host where everyone may be an administrator.");
            }
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie(cookie =>
                {
                    cookie.LoginPath = LoginPath;
                    cookie.AccessDeniedPath = AccessDeniedPath;
                    cookie.Cookie.Name = "CouplingPortal.DevSignIn";
                });
        }
        builder.Services.AddSingleton(new PortalSignInMode(!useEntraId));

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin));
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// The small endpoints Microsoft.Identity.Web.UI would have provided (it is not available here), plus the
    /// development sign-in's automatic login and user switch.
    /// </summary>
    public static WebApplication MapPortalAuthEndpoints(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<PortalSignInMode>();
        var group = app.MapGroup("/authentication");

        if (mode.IsDevelopmentSignIn)
        {
            // The cookie handler sends every anonymous visitor here; signing in needs no input, so it is anonymous.
            group.MapGet("/login", async (HttpContext context, string? returnUrl) =>
            {
                await SignInDemoAsync(context, DemoPersona.Admin);
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            }).AllowAnonymous();

            // A form post from the app bar, so antiforgery validation applies.
            group.MapPost("/switch-user", async (HttpContext context, [FromForm] string persona, [FromForm] string? returnUrl) =>
            {
                await SignInDemoAsync(context, DemoPersona.FromKey(persona));
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            });
        }
        else
        {
            group.MapGet("/login", (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();

            group.MapPost("/logout", ([FromForm] string? returnUrl) => Results.SignOut(
                new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        }
        return app;
    }

    private static Task SignInDemoAsync(HttpContext context, DemoPersona persona)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim("name", persona.DisplayName),
                new Claim(ClaimTypes.NameIdentifier, persona.Key),
                new Claim(PortalRoles.ClaimType, persona.Role),
            ],
            authenticationType: "DevelopmentSignIn",
            nameType: "name",
            roleType: PortalRoles.ClaimType);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Only local paths, so the endpoints cannot be used as an open redirect.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
