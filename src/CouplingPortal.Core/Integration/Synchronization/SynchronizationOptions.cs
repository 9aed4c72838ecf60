using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>How the engine writes to Dataverse.</summary>
public enum SyncWriteMode
{
    /// <summary>Writes go through $batch (up to 1,000 operations per request, the client's bounded parallelism); local saves per chunk.</summary>
    Batch = 0,

    /// <summary>One request and one saved coupling per record, the way Business Central works. For comparison (benchmark).</summary>
    PerRecord = 1,
}

/// <summary>The "Integration:Synchronization" section.</summary>
public sealed class SynchronizationOptions
{
    public const string SectionName = "Integration:Synchronization";

    public SyncWriteMode WriteMode { get; set; } = SyncWriteMode.Batch;

    /// <summary>Records per chunk: couplings, local records and Dataverse rows are loaded, planned, written and saved per chunk.</summary>
    [Range(1, 1000, ErrorMessage = "Integration:Synchronization:ChunkSize must be between 1 and 1000.")]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Ids per GET when coupled Dataverse rows are read by id (the URL must stay short); the GETs travel in one $batch.</summary>
    [Range(1, 200, ErrorMessage = "Integration:Synchronization:IdsPerRead must be between 1 and 200.")]
    public int IdsPerRead { get; set; } = 100;

    /// <summary>Rows per page when reading modified Dataverse rows (Dataverse's maximum is 5,000).</summary>
    [Range(1, 5000, ErrorMessage = "Integration:Synchronization:PageSize must be between 1 and 5000.")]
    public int PageSize { get; set; } = 5000;
}
