using CouplingPortal.Core.Integration.Filters;

namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>
/// BC's Integration Table Mapping (table 5335): pairs a local table with a Dataverse table, with the rules of its
/// synchronization. Option mappings (<see cref="MappingKind.Option"/>) pair a local code table with an option-set
/// column (<see cref="DataverseOptionColumn"/>) instead of rows.
/// </summary>
public sealed class IntegrationTableMapping
{
    public const int NameMaxLength = 20;

    /// <summary>Primary key, e.g. CUSTOMER (BC's Code[20]).</summary>
    public string Name { get; set; } = "";

    public LocalTable LocalTable { get; set; }

    /// <summary>The Dataverse table's logical name, e.g. account.</summary>
    public string DataverseTable { get; set; } = "";

    public MappingKind Kind { get; set; }

    /// <summary>Option mappings only: the option-set column on <see cref="DataverseTable"/>, e.g. paymenttermscode.</summary>
    public string? DataverseOptionColumn { get; set; }

    public SyncDirection Direction { get; set; }

    /// <summary>Which local records are synchronized (e.g. Blocked = None); fields are entity property names.</summary>
    public RecordFilter TableFilter { get; set; } = RecordFilter.Empty;

    /// <summary>Which Dataverse rows are synchronized (e.g. statecode = 0); fields are column logical names.</summary>
    public RecordFilter IntegrationTableFilter { get; set; } = RecordFilter.Empty;

    /// <summary>The bcbi_companyid part of the integration table filter, kept apart so screens can show and switch it.</summary>
    public CompanyFilter CompanyFilter { get; set; }

    /// <summary>This ERP company's id in Dataverse (bcbi_company), used by <see cref="CompanyFilter"/> and written on rows.</summary>
    public Guid CompanyId { get; set; }

    /// <summary>
    /// BC's "Multi Company Synch. Enabled": the company filter is dropped for master data so several companies share
    /// rows (reference §2.2). Turning it off restores <see cref="CompanyFilter.ThisCompanyOrUnclaimed"/>.
    /// </summary>
    public bool MultiCompanySyncEnabled { get; set; }

    /// <summary>Default true: uncoupled records are skipped instead of created on the other side.</summary>
    public bool SynchOnlyCoupledRecords { get; set; } = true;

    public UpdateConflictResolution UpdateConflictResolution { get; set; }

    public DeletionConflictResolution DeletionConflictResolution { get; set; }

    /// <summary>Names of the mappings that must synchronize first (BC's Dependency Filter SALESPEOPLE|CURRENCY|…).</summary>
    public List<string> Dependencies { get; set; } = [];

    /// <summary>Match-based coupling creates a Dataverse row when no unique uncoupled match is found.</summary>
    public bool CreateNewInCaseOfNoMatch { get; set; }

    /// <summary>BC's "Synch. After Match-Based Coupling".</summary>
    public bool SynchronizeAfterMatchBasedCoupling { get; set; }

    /// <summary>
    /// Local watermark (BC's misnamed "Synch. Int. Tbl. Mod. On Fltr."): the next run reads local records whose
    /// SystemModifiedAt is later. Null = never synchronized.
    /// </summary>
    public DateTime? LocalModifiedWatermark { get; set; }

    /// <summary>Dataverse watermark (BC's "Synch. Modified On Filter"): the next run reads rows with modifiedon later. Null = never.</summary>
    public DateTime? DataverseModifiedOnWatermark { get; set; }

    /// <summary>Change-tracking delta link of the last run, when the engine reads changes that way; null = none.</summary>
    public string? DataverseDeltaLink { get; set; }

    /// <summary>Minutes between recurring synchronization runs (BC: 30).</summary>
    public int RecurrenceIntervalMinutes { get; set; } = 30;

    /// <summary>
    /// After a run that found nothing, the next run waits this long unless a local change wakes it (BC's "Inactivity
    /// Timeout Period": 720, or 1440 for SALESPEOPLE, ITEM-PRODUCT and option mappings).
    /// </summary>
    public int InactivityTimeoutMinutes { get; set; } = 720;

    /// <summary>BC's "Disable Event-driven Synch. Job Rescheduling": local changes do not wake the recurring run.</summary>
    public bool DisableEventDrivenRescheduling { get; set; }

    /// <summary>Disabled mappings are not synchronized on the schedule (manual actions still work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>False for the defaults created by <see cref="DefaultSetup.DefaultSynchronizationSetup"/>.</summary>
    public bool UserDefined { get; set; }

    /// <summary>UTC; when "Use Default Synchronization Setup" last reset this mapping (null for user-defined ones).</summary>
    public DateTime? DefaultsAppliedAt { get; set; }

    public List<IntegrationFieldMapping> FieldMappings { get; set; } = [];

    /// <summary>
    /// BC's "Multi Company Synch. Enabled" switch for master data: on, the company filter is removed so every
    /// company sees every row; off, it goes back to this company or unclaimed (on tables that have the company column).
    /// </summary>
    public void SetMultiCompanySync(bool enabled)
    {
        MultiCompanySyncEnabled = enabled;
        CompanyFilter = !enabled && Kind == MappingKind.Table && DataverseSchema.IsCompanyScoped(DataverseTable)
            ? CompanyFilter.ThisCompanyOrUnclaimed
            : CompanyFilter.None;
    }
}
