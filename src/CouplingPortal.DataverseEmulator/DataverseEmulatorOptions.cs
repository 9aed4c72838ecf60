namespace CouplingPortal.DataverseEmulator;

/// <summary>Configuration of the local Dataverse Web API emulator (section "DataverseEmulator").</summary>
public sealed class DataverseEmulatorOptions
{
    public const string SectionName = "DataverseEmulator";

    /// <summary>"Memory" (default) or "Sqlite".</summary>
    public string Store { get; set; } = "Memory";

    /// <summary>SQLite file used when <see cref="Store"/> is "Sqlite".</summary>
    public string? SqlitePath { get; set; }

    public bool SeedDemoData { get; set; }

    /// <summary>The bearer token every Web API call must carry; null accepts any non-empty bearer token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Loopback port for the standalone host and <see cref="DataverseEmulatorHost"/>; 0 picks a free port.</summary>
    public int Port { get; set; }

    public Guid OrganizationId { get; set; } = new("6b2a4c1e-0d3f-4e5a-9b7c-1d2e3f4a5b6c");

    public Guid BusinessUnitId { get; set; } = new("5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    /// <summary>The caller identity: WhoAmI's UserId and the createdby/modifiedby/ownerid of API writes.</summary>
    public Guid IntegrationUserId { get; set; } = new("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");

    /// <summary>Target of the Sales form's "Business Central" button, e.g. http://127.0.0.1:5000/dataverse/open.</summary>
    public string? PortalUrl { get; set; }

    /// <summary>Page size when the client sends no odata.maxpagesize; also the cap (Dataverse: 5000).</summary>
    public int DefaultMaxPageSize { get; set; } = 5000;

    /// <summary>Age after which a change-tracking delta token is refused (Dataverse default: 7 days).</summary>
    public int ChangeTrackingExpiryDays { get; set; } = 7;

    /// <summary>
    /// Products created without a statecode start in Draft (2/0), as in fresh orgs where
    /// createproductswithoutparentinactivestate is false. Off by default: they start Active, as in upgraded orgs.
    /// </summary>
    public bool ProductsStartAsDraft { get; set; }

    public ThrottlingOptions Throttling { get; set; } = new();

    public FaultOptions Faults { get; set; } = new();

    /// <summary>Every problem with these options, each naming its configuration key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var prefix = SectionName + ":";
        if (!string.Equals(Store, "Memory", StringComparison.OrdinalIgnoreCase) && !string.Equals(Store, "Sqlite", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{prefix}Store must be \"Memory\" or \"Sqlite\" (was \"{Store}\").");
        if (IsSqlite && string.IsNullOrWhiteSpace(SqlitePath))
            errors.Add($"{prefix}SqlitePath is required when {prefix}Store is \"Sqlite\".");
        if (Port is < 0 or > 65535)
            errors.Add($"{prefix}Port must be between 0 and 65535.");
        if (OrganizationId == Guid.Empty) errors.Add($"{prefix}OrganizationId must not be empty.");
        if (BusinessUnitId == Guid.Empty) errors.Add($"{prefix}BusinessUnitId must not be empty.");
        if (IntegrationUserId == Guid.Empty) errors.Add($"{prefix}IntegrationUserId must not be empty.");
        if (PortalUrl is not null && !Uri.TryCreate(PortalUrl, UriKind.Absolute, out _))
            errors.Add($"{prefix}PortalUrl must be an absolute URL.");
        if (DefaultMaxPageSize is < 1 or > 5000)
            errors.Add($"{prefix}DefaultMaxPageSize must be between 1 and 5000.");
        if (ChangeTrackingExpiryDays < 1)
            errors.Add($"{prefix}ChangeTrackingExpiryDays must be at least 1.");
        if (AccessToken is not null && string.IsNullOrWhiteSpace(AccessToken))
            errors.Add($"{prefix}AccessToken must be null (any token) or a non-empty token.");
        var t = Throttling;
        if (t.RequestsPerWindow < 0) errors.Add($"{prefix}Throttling:RequestsPerWindow must not be negative (0 = off).");
        if (t.WindowSeconds < 1) errors.Add($"{prefix}Throttling:WindowSeconds must be at least 1.");
        if (t.MaxConcurrentRequests < 0) errors.Add($"{prefix}Throttling:MaxConcurrentRequests must not be negative (0 = off).");
        if (t.ExecutionTimeSeconds is < 0) errors.Add($"{prefix}Throttling:ExecutionTimeSeconds must not be negative (0 = off).");
        if (t.DopHint is < 1 or > 52) errors.Add($"{prefix}Throttling:DopHint must be between 1 and 52.");
        var f = Faults;
        if (f.LatencyMs < 0) errors.Add($"{prefix}Faults:LatencyMs must not be negative.");
        if (f.ServerErrorRate is < 0 or > 1) errors.Add($"{prefix}Faults:ServerErrorRate must be between 0 and 1.");
        if (f.ThrottleRate is < 0 or > 1) errors.Add($"{prefix}Faults:ThrottleRate must be between 0 and 1.");
        if (f.RetryAfterSeconds < 1) errors.Add($"{prefix}Faults:RetryAfterSeconds must be at least 1.");
        return errors;
    }

    internal bool IsSqlite => string.Equals(Store, "Sqlite", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Service protection limits; 0 switches a limit off.</summary>
public sealed class ThrottlingOptions
{
    /// <summary>Requests allowed per sliding window (Dataverse: 6000 per 300 s). 0 = off.</summary>
    public int RequestsPerWindow { get; set; }

    public int WindowSeconds { get; set; } = 300;

    /// <summary>Concurrent requests allowed (Dataverse: 52); excess requests fail immediately. 0 = off.</summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Combined execution time allowed per window (Dataverse: 1200 s per 300 s). 0 or null = off.</summary>
    public int? ExecutionTimeSeconds { get; set; }

    /// <summary>Value of the x-ms-dop-hint header (recommended degree of parallelism).</summary>
    public int DopHint { get; set; } = 8;
}

/// <summary>Fault injection for tests and benchmarks; also switchable at run time through <see cref="FaultInjector"/>.</summary>
public sealed class FaultOptions
{
    public int LatencyMs { get; set; }

    /// <summary>Share of requests (0..1) answered with 503 Service Unavailable.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of requests (0..1) answered with 429 Too Many Requests.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Retry-After (seconds) sent with injected 429s.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Random seed so fault sequences repeat.</summary>
    public int Seed { get; set; } = 1;
}
