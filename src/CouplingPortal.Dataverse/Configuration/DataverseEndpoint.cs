using Microsoft.Extensions.Options;

namespace CouplingPortal.Dataverse.Configuration;

/// <summary>Where the Dataverse Web API lives. Resolved per request, so the URL may become known after start-up.</summary>
public interface IDataverseEndpoint
{
    /// <summary>Organisation URL with a trailing slash, e.g. https://contoso.crm4.dynamics.com/.</summary>
    Uri EnvironmentUrl { get; }

    /// <summary><see cref="EnvironmentUrl"/> + "api/data/v9.2/".</summary>
    Uri WebApiUrl { get; }

    /// <summary>True once a URL is known (configured or set at run time).</summary>
    bool IsConfigured { get; }
}

/// <summary>
/// An Entra ID app registration for an environment chosen at run time (the portal's saved connection setup). The
/// secret is not held: <see cref="ReadClientSecret"/> reads it (e.g. from IConfiguration) when a token is acquired.
/// </summary>
public sealed record DataverseAppRegistration(string TenantId, string ClientId, string SecretReference, Func<string?> ReadClientSecret)
{
    /// <summary>
    /// Name of the Microsoft.Identity.Web application options built for this registration ("Dataverse:tenant:client:reference"):
    /// a changed tenant, client or reference gets fresh options (and a fresh confidential client) without a restart.
    /// </summary>
    public string IdentityOptionsName => $"Dataverse:{TenantId}:{ClientId}:{SecretReference}";

    public override string ToString() => $"app {ClientId} tenant {TenantId} secret from {SecretReference}";
}

/// <summary>
/// The configured endpoint, which the host may re-point at run time (e.g. at the embedded emulator after it picked a free
/// loopback port, or at the environment of a saved connection setup) with <see cref="UseEnvironment(Uri, string?)"/>.
/// Thread-safe: URL and credentials are swapped together atomically.
/// </summary>
public sealed class DataverseEndpoint(IOptionsMonitor<DataverseOptions> options) : IDataverseEndpoint
{
    private Target? _override;

    public bool IsConfigured => Volatile.Read(ref _override) is not null || !string.IsNullOrWhiteSpace(options.CurrentValue.EnvironmentUrl);

    public Uri EnvironmentUrl =>
        Volatile.Read(ref _override)?.Url ?? (string.IsNullOrWhiteSpace(options.CurrentValue.EnvironmentUrl)
            ? throw new InvalidOperationException(
                "The Dataverse environment URL is not known yet: configure Dataverse:EnvironmentUrl or call DataverseEndpoint.UseEnvironment.")
            : WithTrailingSlash(new Uri(options.CurrentValue.EnvironmentUrl)));

    public Uri WebApiUrl => new(EnvironmentUrl, $"api/data/{options.CurrentValue.ApiVersion}/");

    /// <summary>The fixed token set with <see cref="UseEnvironment(Uri, string?)"/>, if any, read at the time of asking.</summary>
    internal string? AccessTokenOverride => Volatile.Read(ref _override)?.ReadToken?.Invoke();

    /// <summary>The app registration set with <see cref="UseEnvironment(Uri, DataverseAppRegistration)"/>, if any.</summary>
    public DataverseAppRegistration? AppRegistration => Volatile.Read(ref _override)?.App;

    /// <summary>Points the client at an environment known only at run time, optionally with a fixed bearer token.</summary>
    public void UseEnvironment(Uri environmentUrl, string? staticAccessToken = null) =>
        UseEnvironment(environmentUrl, staticAccessToken is null ? null : () => staticAccessToken);

    /// <summary>As <see cref="UseEnvironment(Uri, string?)"/>, the fixed bearer token read per request (e.g. from configuration).</summary>
    public void UseEnvironment(Uri environmentUrl, Func<string?>? readStaticAccessToken) =>
        Volatile.Write(ref _override, new Target(Checked(environmentUrl), readStaticAccessToken, null));

    /// <summary>Points the client at an environment whose app tokens come from <paramref name="app"/> (Microsoft.Identity.Web).</summary>
    public void UseEnvironment(Uri environmentUrl, DataverseAppRegistration app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Volatile.Write(ref _override, new Target(Checked(environmentUrl), null, app));
    }

    private static Uri Checked(Uri environmentUrl)
    {
        ArgumentNullException.ThrowIfNull(environmentUrl);
        if (!environmentUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The environment URL must be absolute.", nameof(environmentUrl));
        }
        return WithTrailingSlash(environmentUrl);
    }

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private sealed record Target(Uri Url, Func<string?>? ReadToken, DataverseAppRegistration? App);
}
