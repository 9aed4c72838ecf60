using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Dataverse.Configuration;

/// <summary>
/// Connection settings for the Dataverse Web API, bound to the "Dataverse" configuration section.
/// An empty <see cref="EnvironmentUrl"/> means "the embedded emulator decides at start-up" (see <see cref="DataverseEndpoint"/>).
/// Secrets (<see cref="ClientSecret"/>, <see cref="StaticAccessToken"/>) are never logged; <see cref="ToString"/> redacts them.
/// </summary>
public sealed class DataverseOptions : IValidatableObject
{
    public const string SectionName = "Dataverse";

    /// <summary>Organisation URL, e.g. https://contoso.crm4.dynamics.com/ (without /api/data).</summary>
    public string? EnvironmentUrl { get; set; }

    /// <summary>Web API version segment; pin one (reference §1.1).</summary>
    [RegularExpression(@"^v\d+\.\d+$")]
    public string ApiVersion { get; set; } = "v9.2";

    public string? TenantId { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>PFX file with the app registration's certificate (alternative to a client secret).</summary>
    public string? CertificatePath { get; set; }
    public string? CertificatePassword { get; set; }

    /// <summary>Thumbprint of a certificate in CurrentUser/My (alternative to a client secret).</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Entra authority host; the default is the public cloud.</summary>
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>A fixed bearer token, for the emulator. When set, no Entra token is requested.</summary>
    public string? StaticAccessToken { get; set; }

    /// <summary>Upper bound for parallel workers (batches); the server's x-ms-dop-hint lowers it. Dataverse's concurrency limit is 52.</summary>
    [Range(1, 52)]
    public int MaxParallelism { get; set; } = 8;

    /// <summary>Whole-operation timeout including retries. Big batches need minutes (reference §7.3).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>Timeout of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries for throttling (429), 408, 5xx, timeouts and network failures.</summary>
    [Range(0, 50)]
    public int MaxRetryAttempts { get; set; } = 10;

    /// <summary>First back-off delay for 5xx/timeouts (exponential with jitter after that).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Server affinity cookie; off spreads bulk work over all web servers (reference §6.4.5).</summary>
    public bool UseAffinityCookie { get; set; }

    internal bool UsesStaticToken => !string.IsNullOrWhiteSpace(StaticAccessToken);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(EnvironmentUrl)
            && (!Uri.TryCreate(EnvironmentUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"{SectionName}:EnvironmentUrl must be an absolute http(s) URL.", [nameof(EnvironmentUrl)]);
        }

        if (AttemptTimeout > Timeout)
        {
            yield return new ValidationResult($"{SectionName}:AttemptTimeout must not exceed {SectionName}:Timeout.", [nameof(AttemptTimeout)]);
        }

        // A real environment (URL configured, no fixed token) needs an app registration.
        if (!string.IsNullOrWhiteSpace(EnvironmentUrl) && !UsesStaticToken)
        {
            if (string.IsNullOrWhiteSpace(TenantId))
            {
                yield return new ValidationResult($"{SectionName}:TenantId is required for an environment without StaticAccessToken.", [nameof(TenantId)]);
            }

            if (string.IsNullOrWhiteSpace(ClientId))
            {
                yield return new ValidationResult($"{SectionName}:ClientId is required for an environment without StaticAccessToken.", [nameof(ClientId)]);
            }

            if (string.IsNullOrWhiteSpace(ClientSecret) && string.IsNullOrWhiteSpace(CertificatePath) && string.IsNullOrWhiteSpace(CertificateThumbprint))
            {
                yield return new ValidationResult(
                    $"{SectionName}: one of ClientSecret, CertificatePath or CertificateThumbprint is required for an environment without StaticAccessToken.",
                    [nameof(ClientSecret)]);
            }
        }
    }

    public override string ToString() =>
        $"Dataverse {EnvironmentUrl ?? "(emulator)"} client {ClientId ?? "-"} secret {(string.IsNullOrEmpty(ClientSecret) ? "none" : "***")} token {(UsesStaticToken ? "***" : "none")}";
}
