using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Web.Hosting;

/// <summary>How the portal's web host runs; bound to the <c>Hosting</c> section.</summary>
public sealed class PortalHostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Redirect http to https. Off for http-only hosts (tests, a container behind a TLS proxy).</summary>
    public bool UseHttpsRedirection { get; set; } = true;

    /// <summary><c>Simple</c> (readable) or <c>Json</c> (one structured object per line, for log collectors).</summary>
    [RegularExpression("^(Simple|Json)$", ErrorMessage = "Hosting:LogFormat must be Simple or Json.")]
    public string LogFormat { get; set; } = "Simple";

    /// <summary>How long running requests and background work get to finish when the host stops.</summary>
    [Range(1, 600, ErrorMessage = "Hosting:ShutdownTimeoutSeconds must be between 1 and 600.")]
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Folder for the data-protection key ring (sign-in and antiforgery cookies survive restarts). Empty means
    /// a <c>keys</c> folder inside <c>Database:DataFolder</c>. Relative paths are taken from the application base directory.
    /// </summary>
    public string DataProtectionKeysFolder { get; set; } = "";

    /// <summary>
    /// A PFX certificate that encrypts the data-protection keys at rest (recommended outside Development; without it
    /// the keys are stored unencrypted and ASP.NET Core logs a warning). The password comes from
    /// <see cref="DataProtectionCertificatePassword"/>, set by environment variable or a secret store, never in the file.
    /// </summary>
    public string DataProtectionCertificatePath { get; set; } = "";

    public string DataProtectionCertificatePassword { get; set; } = "";
}
