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
/// The configured endpoint, which the host may re-point once (e.g. at the embedded emulator after it picked a free
/// loopback port) with <see cref="UseEnvironment"/>. Thread-safe: the URL is swapped atomically.
/// </summary>
public sealed class DataverseEndpoint(IOptionsMonitor<DataverseOptions> options) : IDataverseEndpoint
{
    private Uri? _override;
    private string? _overrideToken;

    public bool IsConfigured => _override is not null || !string.IsNullOrWhiteSpace(options.CurrentValue.EnvironmentUrl);

    public Uri EnvironmentUrl =>
        _override ?? (string.IsNullOrWhiteSpace(options.CurrentValue.EnvironmentUrl)
            ? throw new InvalidOperationException(
                "The Dataverse environment URL is not known yet: configure Dataverse:EnvironmentUrl or call DataverseEndpoint.UseEnvironment.")
            : WithTrailingSlash(new Uri(options.CurrentValue.EnvironmentUrl)));

    public Uri WebApiUrl => new(EnvironmentUrl, $"api/data/{options.CurrentValue.ApiVersion}/");

    /// <summary>The fixed token set with <see cref="UseEnvironment"/>, if any (for an emulator started at run time).</summary>
    internal string? AccessTokenOverride => Volatile.Read(ref _overrideToken);

    /// <summary>Points the client at an environment known only at run time, optionally with a fixed bearer token.</summary>
    public void UseEnvironment(Uri environmentUrl, string? staticAccessToken = null)
    {
        ArgumentNullException.ThrowIfNull(environmentUrl);
        if (!environmentUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The environment URL must be absolute.", nameof(environmentUrl));
        }

        Volatile.Write(ref _overrideToken, staticAccessToken);
        Volatile.Write(ref _override, WithTrailingSlash(environmentUrl));
    }

    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
