namespace CouplingPortal.Core.Connection;

/// <summary>
/// The portal's "Dataverse Connection Setup" (BC's CDS Connection Setup, reference §1.11): one row. The client
/// secret itself is never stored: <see cref="ClientSecretReference"/> names the configuration key or environment
/// variable that holds it.
/// </summary>
public sealed class DataverseConnectionSetup
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    /// <summary>BC's demo company (CDS company, bcbi_companies) that the portal's data belongs to.</summary>
    public static readonly Guid DefaultCompanyId = new("3c2a1b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    public const string DefaultCompanyName = "CRONUS";

    public int Id { get; set; } = SingletonId;

    /// <summary>Organisation URL, e.g. https://contoso.crm4.dynamics.com/.</summary>
    public string EnvironmentUrl { get; set; } = "";

    public Guid? TenantId { get; set; }

    public Guid? ClientId { get; set; }

    /// <summary>Name of the configuration key / environment variable holding the client secret (not the secret).</summary>
    public string ClientSecretReference { get; set; } = "";

    public Guid CompanyId { get; set; } = DefaultCompanyId;

    public string CompanyName { get; set; } = DefaultCompanyName;

    public bool IsEnabled { get; set; }

    public DateTime? ModifiedAt { get; set; }

    public DataverseConnectionSetup Copy() => (DataverseConnectionSetup)MemberwiseClone();
}
