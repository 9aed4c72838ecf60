using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Actions;

/// <summary>
/// What a user action answers: whether it was accepted, the sentence to show (BC's wording, in the user's language),
/// and the queue entries it enqueued so the page can follow their progress.
/// </summary>
public sealed record ActionOutcome(bool Succeeded, string Message, IReadOnlyList<Guid> JobRequestIds)
{
    /// <summary>Per-record reasons (e.g. why records of a selection were skipped), for a details list.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    public static ActionOutcome Done(string message, params Guid[] jobRequestIds) => new(true, message, jobRequestIds);

    public static ActionOutcome Refused(string message) => new(false, message, []);

    /// <summary>The first enqueued entry, for actions that enqueue one.</summary>
    public Guid? JobRequestId => JobRequestIds.Count > 0 ? JobRequestIds[0] : null;
}

/// <summary>Synchronize After Coupling in the Set Up Coupling dialog.</summary>
public enum SynchronizeAfterCoupling
{
    No = 0,
    /// <summary>"Yes – Use the portal's data": send to Dataverse.</summary>
    UseLocalData = 1,
    /// <summary>"Yes – Use the Dataverse data": get from Dataverse.</summary>
    UseDataverseData = 2,
}

/// <summary>
/// What a card shows about a record's coupling: whether Dataverse actions apply at all (connection enabled, a mapping,
/// the record in the table filter), what it is coupled to, when it was last synchronized, the last error, and Skipped.
/// </summary>
public sealed record RecordCouplingStatus(
    bool ConnectionEnabled,
    string? MappingName,
    SyncDirection? MappingDirection,
    bool PassesTableFilter,
    Guid? CouplingId,
    string? DataverseTable,
    Guid? DataverseId,
    DateTime? LastSynchronizedAt,
    SyncResult LastResultToDataverse,
    SyncResult LastResultFromDataverse,
    string? LastError,
    bool Skipped)
{
    public bool Coupled => CouplingId is not null;

    /// <summary>Dataverse actions are shown only with an enabled connection and a mapping for the table.</summary>
    public bool ShowActions => ConnectionEnabled && MappingName is not null;

    /// <summary>Coupling and synchronizing are enabled only for records in the mapping's table filter.</summary>
    public bool ActionsEnabled => ShowActions && PassesTableFilter;

    /// <summary>BC's default of Synchronize After Coupling: No when coupled; otherwise the side the mapping reads from.</summary>
    public SynchronizeAfterCoupling DefaultSynchronizeAfterCoupling =>
        Coupled ? SynchronizeAfterCoupling.No
        : MappingDirection == SyncDirection.FromIntegrationTable ? SynchronizeAfterCoupling.UseDataverseData : SynchronizeAfterCoupling.UseLocalData;

    /// <summary>May this record be created in Dataverse (mapping sends data)?</summary>
    public bool CanCreateInDataverse => ActionsEnabled && !Coupled && MappingDirection is SyncDirection.Bidirectional or SyncDirection.ToIntegrationTable;
}

/// <summary>One Dataverse row for the Set Up Coupling lookup and the Dataverse-side lists (Hide Coupled).</summary>
public sealed record DataverseRowChoice(Guid Id, string Name, string? Detail, bool Coupled, Guid? CoupledLocalSystemId);

/// <summary>BC's Initial Synch Recommendation of the full synchronization review.</summary>
public enum FullSyncRecommendation
{
    FullSynchronization = 0,
    CoupleRecords = 1,
    NoRecordsFound = 2,
}

/// <summary>One line of the full synchronization review: a mapping, its recommendation and the counts it rests on.</summary>
public sealed record FullSyncReviewLine(
    string MappingName,
    SyncDirection Direction,
    IReadOnlyList<string> Dependencies,
    FullSyncRecommendation Recommendation,
    long LocalRecords,
    long DataverseRows,
    long Couplings)
{
    public string RecommendationCaption => CouplingActionText.Get("Recommendation_" + Recommendation);
}

/// <summary>Action messages in English and Dutch (Resources/CouplingActionMessages*.resx), by UI culture.</summary>
public static class CouplingActionText
{
    private static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Resources.CouplingActionMessages", typeof(CouplingActionText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var text = Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing message resource '{key}'.");
        return args.Length == 0 ? text : string.Format(CultureInfo.CurrentUICulture, text, args);
    }
}
