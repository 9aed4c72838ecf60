using System.Text.RegularExpressions;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Dataverse.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CouplingPortal.Core.Connection;

/// <summary>What the Dataverse Connection Setup page edits: the setup's fields as typed (GUIDs still text).</summary>
public sealed class DataverseConnectionInput
{
    public string EnvironmentUrl { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecretReference { get; set; } = "";
    public string CompanyId { get; set; } = "";
    public string CompanyName { get; set; } = "";
    public bool IsEnabled { get; set; }
}

/// <summary>Field name (a <see cref="DataverseConnectionInput"/> property) → message resource key; empty when valid.</summary>
public sealed record ConnectionSaveResult(IReadOnlyDictionary<string, string> Errors)
{
    public bool Saved => Errors.Count == 0;
}

/// <summary>
/// Reads, validates and saves the one Dataverse connection setup row, and runs Test Connection. The saved row is the
/// source of truth for the portal's shared client: on save and at start-up (<see cref="ApplySavedSetupAsync"/>) the
/// <see cref="DataverseEndpoint"/> is pointed at its environment with its credentials (see <see cref="Apply"/>).
/// </summary>
public sealed partial class DataverseConnectionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    DataverseConnectionState state,
    DataverseConnectionTester tester,
    EmbeddedDataverseEnvironment embedded,
    IOptions<DataverseOptions> configured,
    DataverseEndpoint endpoint,
    IConfiguration configuration,
    TimeProvider clock,
    DefaultSynchronizationSetup defaultSetup,
    ILogger<DataverseConnectionService> logger)
{
    public const int MaxUrlLength = 250;
    public const int MaxSecretReferenceLength = 100;
    public const int MaxCompanyNameLength = 30;

    /// <summary>True when the portal runs its own Dataverse emulator (no Dataverse:EnvironmentUrl configured).</summary>
    public bool UsesEmbeddedEmulator => embedded.IsInUse;

    public Uri? EmbeddedEmulatorUrl => embedded.EnvironmentUrl;

    public async Task<DataverseConnectionInput> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setup = await db.DataverseConnectionSetup.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DataverseConnectionSetup.SingletonId, ct)
            ?? FromConfiguration();
        return ToInput(setup);
    }

    /// <summary>
    /// Before the first save: what the Dataverse section configures (not enabled: as in Business Central, an
    /// administrator enables the connection on purpose). The secret reference names the configured key, never its value.
    /// </summary>
    private DataverseConnectionSetup FromConfiguration()
    {
        var o = configured.Value;
        return new DataverseConnectionSetup
        {
            EnvironmentUrl = o.EnvironmentUrl?.Trim() ?? "",
            TenantId = Guid.TryParse(o.TenantId, out var tenant) ? tenant : null,
            ClientId = Guid.TryParse(o.ClientId, out var client) ? client : null,
            ClientSecretReference = string.IsNullOrWhiteSpace(o.ClientSecret) ? "" : $"{DataverseOptions.SectionName}:{nameof(DataverseOptions.ClientSecret)}",
        };
    }

    public async Task<ConnectionSaveResult> SaveAsync(DataverseConnectionInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return new ConnectionSaveResult(errors);
        }

        var parsed = Parse(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DataverseConnectionSetup.FirstOrDefaultAsync(s => s.Id == DataverseConnectionSetup.SingletonId, ct);
        if (row is null)
        {
            row = new DataverseConnectionSetup();
            db.DataverseConnectionSetup.Add(row);
        }

        row.EnvironmentUrl = parsed.EnvironmentUrl;
        row.TenantId = parsed.TenantId;
        row.ClientId = parsed.ClientId;
        row.ClientSecretReference = parsed.ClientSecretReference;
        row.CompanyId = parsed.CompanyId;
        row.CompanyName = parsed.CompanyName;
        row.IsEnabled = parsed.IsEnabled;
        row.ModifiedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        Apply(row);
        state.Set(row.IsEnabled);
        if (row.IsEnabled)
            await defaultSetup.EnsureCreatedAsync(row.CompanyId, ct);
        // The secret reference is only a name, but it stays out of the log with everything else credential-shaped.
        logger.LogInformation("Dataverse connection setup saved: {EnvironmentUrl}, enabled {Enabled}", row.EnvironmentUrl, row.IsEnabled);
        return new ConnectionSaveResult(errors);
    }

    /// <summary>WhoAmI against the entered setup (saved or not, enabled or not). Invalid input is refused like Save.</summary>
    public async Task<(ConnectionSaveResult Validation, ConnectionTestResult? Result)> TestConnectionAsync(DataverseConnectionInput input, CancellationToken ct = default)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return (new ConnectionSaveResult(errors), null);
        }

        var result = await tester.TestAsync(Parse(input), ct);
        logger.LogInformation("Dataverse Test Connection to {EnvironmentUrl}: {Outcome}", input.EnvironmentUrl.Trim(), result.Outcome);
        return (new ConnectionSaveResult(errors), result);
    }

    /// <summary>
    /// The embedded emulator started at <paramref name="environmentUrl"/>: on first start the setup is created pointing
    /// at it, enabled, for the CRONUS company; later the URL follows the emulator (its port may change between runs) as
    /// long as the saved setup is the embedded emulator's (see <see cref="FollowsEmbeddedEmulator"/>). A setup saved for
    /// another environment stays, and the shared client is pointed at it.
    /// </summary>
    public async Task UseEmbeddedEmulatorAsync(Uri environmentUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.DataverseConnectionSetup.FirstOrDefaultAsync(s => s.Id == DataverseConnectionSetup.SingletonId, ct);
        if (row is null)
        {
            row = new DataverseConnectionSetup { IsEnabled = true };
            db.DataverseConnectionSetup.Add(row);
        }

        if (FollowsEmbeddedEmulator(row))
        {
            row.EnvironmentUrl = environmentUrl.AbsoluteUri;
            row.TenantId = null;
            row.ClientId = null;
            row.ClientSecretReference = "";
        }
        if (db.ChangeTracker.HasChanges())
        {
            row.ModifiedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        Apply(row);
        state.Set(row.IsEnabled);
        if (row.IsEnabled)
            await defaultSetup.EnsureCreatedAsync(row.CompanyId, ct);
    }

    /// <summary>
    /// At start-up without the embedded emulator: a saved setup overrides the Dataverse section (which only seeds the
    /// page before the first save).
    /// </summary>
    public async Task ApplySavedSetupAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.DataverseConnectionSetup.AsNoTracking().FirstOrDefaultAsync(s => s.Id == DataverseConnectionSetup.SingletonId, ct) is { } row)
        {
            Apply(row);
        }
    }

    /// <summary>
    /// The embedded emulator's own setup: no URL yet, or a loopback URL without client id and without a token
    /// reference (what <see cref="UseEmbeddedEmulatorAsync"/> writes). Anything else was saved for another environment.
    /// </summary>
    private static bool FollowsEmbeddedEmulator(DataverseConnectionSetup row) =>
        string.IsNullOrWhiteSpace(row.EnvironmentUrl)
        || (row.ClientId is null && string.IsNullOrWhiteSpace(row.ClientSecretReference)
            && Uri.TryCreate(row.EnvironmentUrl, UriKind.Absolute, out var url) && url.IsLoopback);

    /// <summary>
    /// Points the shared client at the setup's environment. With a client id: Entra ID app tokens for the saved tenant and
    /// client, the secret read through the reference when a token is acquired. Without one (an emulator): the embedded
    /// emulator's own token, else a static token read per request through the reference (the "static token reference"),
    /// else Dataverse:StaticAccessToken, else "emulator". Nothing credential-shaped is stored or logged.
    /// </summary>
    internal void Apply(DataverseConnectionSetup row)
    {
        if (!Uri.TryCreate(row.EnvironmentUrl.Trim(), UriKind.Absolute, out var url))
        {
            return;
        }

        if (embedded.IsEmbedded(row.EnvironmentUrl) && embedded.AccessToken is { } embeddedToken)
        {
            endpoint.UseEnvironment(url, embeddedToken);
        }
        else if (row.ClientId is { } clientId)
        {
            var reference = row.ClientSecretReference.Trim();
            endpoint.UseEnvironment(url, new DataverseAppRegistration(
                row.TenantId?.ToString() ?? "", clientId.ToString(), reference, () => SecretReference.Read(configuration, reference)));
        }
        else
        {
            var reference = row.ClientSecretReference.Trim();
            var fallback = configured.Value.StaticAccessToken is { Length: > 0 } token ? token : DataverseConnectionTester.EmulatorToken;
            endpoint.UseEnvironment(url, () => SecretReference.Read(configuration, reference) ?? fallback);
        }
        logger.LogInformation("Dataverse client now uses {EnvironmentUrl}", endpoint.EnvironmentUrl);
    }

    public static IReadOnlyDictionary<string, string> Validate(DataverseConnectionInput input)
    {
        var errors = new Dictionary<string, string>();
        var url = input.EnvironmentUrl.Trim();
        if (url.Length == 0)
            errors[nameof(input.EnvironmentUrl)] = "ConnectionUrlRequired";
        else if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsedUrl)
                 || (parsedUrl.Scheme != Uri.UriSchemeHttps && parsedUrl.Scheme != Uri.UriSchemeHttp)
                 || !string.IsNullOrEmpty(parsedUrl.Query) || !string.IsNullOrEmpty(parsedUrl.Fragment))
            errors[nameof(input.EnvironmentUrl)] = "ConnectionUrlInvalid";

        if (input.TenantId.Trim().Length > 0 && !Guid.TryParse(input.TenantId.Trim(), out _))
            errors[nameof(input.TenantId)] = "ConnectionGuidInvalid";
        if (input.ClientId.Trim().Length > 0 && !Guid.TryParse(input.ClientId.Trim(), out _))
            errors[nameof(input.ClientId)] = "ConnectionGuidInvalid";
        if (input.ClientId.Trim().Length > 0 && input.TenantId.Trim().Length == 0)
            errors.TryAdd(nameof(input.TenantId), "ConnectionTenantRequired");

        var reference = input.ClientSecretReference.Trim();
        if (reference.Length > MaxSecretReferenceLength || (reference.Length > 0 && !SecretReferencePattern().IsMatch(reference)))
            errors[nameof(input.ClientSecretReference)] = "ConnectionSecretReferenceInvalid";
        else if (input.ClientId.Trim().Length > 0 && reference.Length == 0)
            errors[nameof(input.ClientSecretReference)] = "ConnectionSecretReferenceRequired";

        if (input.CompanyId.Trim().Length == 0)
            errors[nameof(input.CompanyId)] = "ConnectionCompanyIdRequired";
        else if (!Guid.TryParse(input.CompanyId.Trim(), out _))
            errors[nameof(input.CompanyId)] = "ConnectionGuidInvalid";

        var company = input.CompanyName.Trim();
        if (company.Length == 0)
            errors[nameof(input.CompanyName)] = "ConnectionCompanyNameRequired";
        else if (company.Length > MaxCompanyNameLength)
            errors[nameof(input.CompanyName)] = "ConnectionCompanyNameTooLong";
        return errors;
    }

    private static DataverseConnectionInput ToInput(DataverseConnectionSetup setup) => new()
    {
        EnvironmentUrl = setup.EnvironmentUrl,
        TenantId = setup.TenantId?.ToString() ?? "",
        ClientId = setup.ClientId?.ToString() ?? "",
        ClientSecretReference = setup.ClientSecretReference,
        CompanyId = setup.CompanyId.ToString(),
        CompanyName = setup.CompanyName,
        IsEnabled = setup.IsEnabled,
    };

    private static DataverseConnectionSetup Parse(DataverseConnectionInput input) => new()
    {
        EnvironmentUrl = input.EnvironmentUrl.Trim(),
        TenantId = Guid.TryParse(input.TenantId.Trim(), out var tenant) ? tenant : null,
        ClientId = Guid.TryParse(input.ClientId.Trim(), out var client) ? client : null,
        ClientSecretReference = input.ClientSecretReference.Trim(),
        CompanyId = Guid.Parse(input.CompanyId.Trim()),
        CompanyName = input.CompanyName.Trim(),
        IsEnabled = input.IsEnabled,
    };

    /// <summary>A configuration key or environment variable name (e.g. Dataverse:ClientSecret, DATAVERSE_CLIENT_SECRET).</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:\-]*$")]
    private static partial Regex SecretReferencePattern();
}
