namespace CouplingPortal.Web.Auth;

/// <summary>Bound to <c>DevelopmentSignIn</c>; used only when no <c>AzureAd:ClientId</c> is configured.</summary>
public sealed class DevelopmentSignInOptions
{
    public const string SectionName = "DevelopmentSignIn";

    /// <summary>
    /// Allows the development sign-in outside the Development environment (a demo or test host). Without Entra ID
    /// the development sign-in makes every visitor an administrator, so a production host refuses to start unless
    /// this is set on purpose.
    /// </summary>
    public bool Allowed { get; set; }
}

/// <summary>The two identities of the development sign-in.</summary>
public sealed record DemoPersona(string Key, string DisplayName, string Role)
{
    public static readonly DemoPersona Admin = new("admin", "Demo Admin", PortalRoles.Admin);
    public static readonly DemoPersona User = new("user", "Demo User", PortalRoles.User);

    public static DemoPersona FromKey(string? key) =>
        string.Equals(key, User.Key, StringComparison.OrdinalIgnoreCase) ? User : Admin;
}
