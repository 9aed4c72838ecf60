using System.Net;
using CouplingPortal.Dataverse.Authentication;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.Identity.Web.TokenCacheProviders.InMemory;

namespace CouplingPortal.Dataverse;

public static class DataverseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDataverseClient"/> bound to the "Dataverse" section (validated on start), the
    /// <see cref="IDataverseEndpoint"/> (re-pointable at run time through <see cref="DataverseEndpoint.UseEnvironment"/>),
    /// the shared throttle gate, and Microsoft.Identity.Web app-token acquisition when an app registration is configured.
    /// </summary>
    public static IServiceCollection AddDataverseClient(this IServiceCollection services, IConfiguration configuration,
        Action<DataverseOptions>? configure = null)
    {
        var section = configuration.GetSection(DataverseOptions.SectionName);
        var optionsBuilder = services.AddOptions<DataverseOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataverseEndpoint>();
        services.TryAddSingleton<IDataverseEndpoint>(sp => sp.GetRequiredService<DataverseEndpoint>());
        services.TryAddSingleton(sp => new DataverseThrottleGate(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<DataverseTokenSource>();
        services.TryAddTransient<DataverseAuthorizationHandler>();
        services.TryAddTransient<DataverseTrafficHandler>();

        var clientId = section["ClientId"];
        if (!string.IsNullOrWhiteSpace(clientId) && string.IsNullOrWhiteSpace(section["StaticAccessToken"]))
        {
            AddAppTokenAcquisition(services);
        }

        // Timeouts belong to the resilience pipeline (total and per attempt); header values are never logged (bearer token).
        var http = services.AddHttpClient<IDataverseClient, DataverseClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(_ => true);
        http.ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseCookies = sp.GetRequiredService<IOptionsMonitor<DataverseOptions>>().CurrentValue.UseAffinityCookie,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 64,
            });

        // Outermost first: retries around (gate → token → network), so every attempt waits at the gate and gets a fresh token.
        http.AddResilienceHandler("dataverse", (pipeline, context) =>
            DataverseResiliencePipeline.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptionsMonitor<DataverseOptions>>().CurrentValue));
        http.AddHttpMessageHandler<DataverseTrafficHandler>();
        http.AddHttpMessageHandler<DataverseAuthorizationHandler>();

        return services;
    }

    /// <summary>
    /// Microsoft.Identity.Web app-token acquisition for Dataverse even when the "Dataverse" section names no app
    /// registration, so one set at run time with <see cref="DataverseEndpoint.UseEnvironment(Uri, DataverseAppRegistration)"/>
    /// can get tokens. Idempotent.
    /// </summary>
    public static IServiceCollection AddDataverseAppTokenAcquisition(this IServiceCollection services)
    {
        AddAppTokenAcquisition(services);
        return services;
    }

    private static void AddAppTokenAcquisition(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RunTimeAppRegistrationOptions)))
        {
            return;
        }

        services.AddSingleton<RunTimeAppRegistrationOptions>();
        services.AddSingleton<IConfigureOptions<MicrosoftIdentityApplicationOptions>>(sp => sp.GetRequiredService<RunTimeAppRegistrationOptions>());
        services.AddTokenAcquisition(isTokenAcquisitionSingleton: true);
        services.AddInMemoryTokenCaches();
        services.AddHttpClient();
        services.AddOptions<MicrosoftIdentityApplicationOptions>(DataverseTokenSource.IdentityOptionsName)
            .Configure<IOptionsMonitor<DataverseOptions>>((identity, dataverse) =>
            {
                var o = dataverse.CurrentValue;
                identity.Instance = o.Instance;
                identity.TenantId = o.TenantId;
                identity.ClientId = o.ClientId;
                identity.ClientCredentials = [CredentialFor(o)];
            });
    }

    private static CredentialDescription CredentialFor(DataverseOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.ClientSecret))
        {
            return new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = o.ClientSecret };
        }

        if (!string.IsNullOrWhiteSpace(o.CertificatePath))
        {
            return new CredentialDescription
            {
                SourceType = CredentialSource.Path,
                CertificateDiskPath = o.CertificatePath,
                CertificatePassword = o.CertificatePassword,
            };
        }

        return new CredentialDescription
        {
            SourceType = CredentialSource.StoreWithThumbprint,
            CertificateStorePath = "CurrentUser/My",
            CertificateThumbprint = o.CertificateThumbprint,
        };
    }

    /// <summary>
    /// Builds the Identity.Web options named <see cref="DataverseAppRegistration.IdentityOptionsName"/> from the endpoint's
    /// current run-time app registration. Runs when the options of that name are first asked for, i.e. at the first token
    /// acquisition after the registration was set: that is when the secret is read through its reference. It is handed
    /// to Identity.Web only, never logged.
    /// </summary>
    internal sealed class RunTimeAppRegistrationOptions(DataverseEndpoint endpoint, IOptionsMonitor<DataverseOptions> dataverse)
        : IConfigureNamedOptions<MicrosoftIdentityApplicationOptions>
    {
        public void Configure(string? name, MicrosoftIdentityApplicationOptions options)
        {
            if (endpoint.AppRegistration is not { } app || name != app.IdentityOptionsName)
            {
                return;
            }

            options.Instance = dataverse.CurrentValue.Instance;
            options.TenantId = app.TenantId;
            options.ClientId = app.ClientId;
            var secret = app.ReadClientSecret();
            if (string.IsNullOrEmpty(secret))
            {
                throw new InvalidOperationException($"No client secret found under '{app.SecretReference}' (configuration key or environment variable) for the Dataverse app {app.ClientId}.");
            }
            options.ClientCredentials = [new CredentialDescription { SourceType = CredentialSource.ClientSecret, ClientSecret = secret }];
        }

        public void Configure(MicrosoftIdentityApplicationOptions options) => Configure(Options.DefaultName, options);
    }
}
