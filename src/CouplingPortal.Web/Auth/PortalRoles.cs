namespace CouplingPortal.Web.Auth;

/// <summary>The app roles defined on the Entra ID app registration; tokens carry them in the <c>roles</c> claim.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string User = "User";
    public const string ClaimType = "roles";
}

public static class PortalPolicies
{
    /// <summary>Admin pages: integration setup, synchronization jobs, system information.</summary>
    public const string Admin = "Admin";
}
