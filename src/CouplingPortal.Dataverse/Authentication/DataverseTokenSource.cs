using System.Net.Http.Headers;
using CouplingPortal.Dataverse.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;

namespace CouplingPortal.Dataverse.Authentication;

/// <summary>
/// Produces the Authorization header for each attempt: a fixed token for the emulator, otherwise an app token for
/// scope "&lt;environment url&gt;/.default" from Microsoft.Identity.Web (which caches and refreshes it, reference §7.1).
/// </summary>
internal sealed class DataverseTokenSource(
    IOptionsMonitor<DataverseOptions> options,
    IDataverseEndpoint endpoint,
    IServiceProvider services)
{
    /// <summary>Name of the Microsoft.Identity.Web application options the Dataverse app registration is bound to.</summary>
    public const string IdentityOptionsName = "Dataverse";

    public async Task<AuthenticationHeaderValue> GetHeaderAsync(bool forceRefresh, CancellationToken ct)
    {
        var fixedToken = FixedToken;
        if (!string.IsNullOrWhiteSpace(fixedToken))
        {
            return new AuthenticationHeaderValue("Bearer", fixedToken);
        }

        var provider = services.GetService<IAuthorizationHeaderProvider>()
            ?? throw new InvalidOperationException(
                "No Dataverse credentials: set Dataverse:StaticAccessToken, or TenantId, ClientId and a secret or certificate.");

        // A run-time app registration (the saved connection setup) has its own named options, built on first use from
        // the registration (secret read then, through its reference); otherwise the configured "Dataverse" options.
        var optionsName = (endpoint as DataverseEndpoint)?.AppRegistration?.IdentityOptionsName ?? IdentityOptionsName;

        var scope = endpoint.EnvironmentUrl.AbsoluteUri.TrimEnd('/') + "/.default";
        var header = await provider.CreateAuthorizationHeaderForAppAsync(
            scope,
            new AuthorizationHeaderProviderOptions
            {
                AcquireTokenOptions = new AcquireTokenOptions { AuthenticationOptionsName = optionsName, ForceRefresh = forceRefresh },
            },
            ct).ConfigureAwait(false);
        return AuthenticationHeaderValue.Parse(header);
    }

    public bool CanRefresh => string.IsNullOrWhiteSpace(FixedToken);

    /// <summary>A run-time app registration means Entra tokens, even when a static token is configured for the seed.</summary>
    private string? FixedToken => endpoint is DataverseEndpoint { AppRegistration: not null }
        ? null
        : (endpoint as DataverseEndpoint)?.AccessTokenOverride ?? options.CurrentValue.StaticAccessToken;
}

/// <summary>Adds the bearer token per attempt; on 401 with an Entra token, refreshes once and tries again (as ServiceClient does).</summary>
internal sealed class DataverseAuthorizationHandler(DataverseTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = await tokens.GetHeaderAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || !tokens.CanRefresh)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = await tokens.GetHeaderAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
