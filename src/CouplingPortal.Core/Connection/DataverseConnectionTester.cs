using System.Net;
using CouplingPortal.Dataverse;
using CouplingPortal.Dataverse.Configuration;
using CouplingPortal.Dataverse.Errors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Connection;

public enum ConnectionTestOutcome
{
    Success,
    Unreachable,
    Unauthorized,
    NotFound,
    Failed,
}

/// <summary>WhoAmI's answer on success; otherwise the reason, with Dataverse's status, code and message where it gave them.</summary>
public sealed record ConnectionTestResult(ConnectionTestOutcome Outcome, WhoAmIResult? WhoAmI = null, int? StatusCode = null,
    string? ErrorCode = null, string? Message = null)
{
    public bool Succeeded => Outcome == ConnectionTestOutcome.Success;
}

/// <summary>
/// Test Connection: builds a Dataverse client from the entered setup (not the portal's shared client, so it works while
/// the connection is disabled and before the setup is saved) and calls WhoAmI. Without a Client ID the environment is
/// taken for an emulator and gets a fixed token (the embedded emulator's own). The client secret is read from the
/// configuration key / environment variable the setup names and handed only to the token acquisition.
/// </summary>
public sealed class DataverseConnectionTester(IConfiguration configuration, ILoggerFactory loggerFactory, EmbeddedDataverseEnvironment embedded)
{
    /// <summary>The bearer token sent to an emulator environment when the setup names neither a client id nor a token reference.</summary>
    internal const string EmulatorToken = "emulator";

    public async Task<ConnectionTestResult> TestAsync(DataverseConnectionSetup setup, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddDataverseClient(new ConfigurationBuilder().AddInMemoryCollection(ProbeSettings(setup)).Build());
        await using var provider = services.BuildServiceProvider();
        try
        {
            var client = provider.GetRequiredService<IDataverseClient>();
            var whoAmI = await client.WhoAmIAsync(ct);
            return new ConnectionTestResult(ConnectionTestOutcome.Success, whoAmI);
        }
        catch (DataverseException ex)
        {
            var outcome = ex.StatusCode switch
            {
                null => ConnectionTestOutcome.Unreachable,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ConnectionTestOutcome.Unauthorized,
                HttpStatusCode.NotFound => ConnectionTestOutcome.NotFound,
                _ => ConnectionTestOutcome.Failed,
            };
            return new ConnectionTestResult(outcome, StatusCode: (int?)ex.StatusCode, ErrorCode: ex.ErrorCode, Message: ex.Message);
        }
        catch (OptionsValidationException ex)
        {
            return new ConnectionTestResult(ConnectionTestOutcome.Failed, Message: ex.Message);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Token acquisition (Entra ID) failures arrive here; their messages name the app, never the secret.
            return new ConnectionTestResult(ConnectionTestOutcome.Unauthorized, Message: ex.Message);
        }
    }

    private Dictionary<string, string?> ProbeSettings(DataverseConnectionSetup setup)
    {
        const string S = DataverseOptions.SectionName + ":";
        var portal = configuration.GetSection(DataverseOptions.SectionName);
        var settings = new Dictionary<string, string?>
        {
            [S + nameof(DataverseOptions.EnvironmentUrl)] = setup.EnvironmentUrl.Trim(),
            [S + nameof(DataverseOptions.ApiVersion)] = portal[nameof(DataverseOptions.ApiVersion)] is { Length: > 0 } version ? version : null,
            [S + nameof(DataverseOptions.Instance)] = portal[nameof(DataverseOptions.Instance)] is { Length: > 0 } instance ? instance : null,
            // A probe answers within seconds: one quick retry, not the sync engine's patient back-off.
            [S + nameof(DataverseOptions.MaxRetryAttempts)] = "1",
            [S + nameof(DataverseOptions.RetryBaseDelay)] = "00:00:00.200",
            [S + nameof(DataverseOptions.Timeout)] = "00:00:40",
            [S + nameof(DataverseOptions.AttemptTimeout)] = "00:00:20",
        };
        if (setup.ClientId is null || embedded.IsEmbedded(setup.EnvironmentUrl))
        {
            // An emulator: the embedded one's own token, else the token the reference names (static token reference),
            // else the configured static token, else "emulator" (as the shared client gets once the setup is saved).
            settings[S + nameof(DataverseOptions.StaticAccessToken)] =
                embedded.IsEmbedded(setup.EnvironmentUrl) && embedded.AccessToken is { } token ? token
                : SecretReference.Read(configuration, setup.ClientSecretReference)
                  ?? (portal[nameof(DataverseOptions.StaticAccessToken)] is { Length: > 0 } configuredToken ? configuredToken : EmulatorToken);
        }
        else
        {
            settings[S + nameof(DataverseOptions.TenantId)] = setup.TenantId?.ToString();
            settings[S + nameof(DataverseOptions.ClientId)] = setup.ClientId.Value.ToString();
            settings[S + nameof(DataverseOptions.ClientSecret)] = SecretReference.Read(configuration, setup.ClientSecretReference);
        }
        // A key present with a null value would bind as null over the option's default (e.g. ApiVersion).
        return settings.Where(s => s.Value is not null).ToDictionary();
    }
}

/// <summary>Reads a secret through its reference: a configuration key, else an environment variable of that name.</summary>
internal static class SecretReference
{
    public static string? Read(IConfiguration configuration, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }
        var value = configuration[reference.Trim()] ?? Environment.GetEnvironmentVariable(reference.Trim());
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
