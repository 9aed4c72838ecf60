using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Core.Integration.Matching;

/// <summary>Match-based coupling ("Integration:Matching"), validated on start.</summary>
public sealed class MatchingOptions
{
    public const string SectionName = "Integration:Matching";

    /// <summary>Rows per page when reading the candidate Dataverse rows (Dataverse's largest is 5,000).</summary>
    [Range(1, 5000, ErrorMessage = "Integration:Matching:DataversePageSize must be between 1 and 5000.")]
    public int DataversePageSize { get; set; } = 5000;

    /// <summary>Couplings stored per database transaction.</summary>
    [Range(1, 50_000, ErrorMessage = "Integration:Matching:StoreChunkSize must be between 1 and 50000.")]
    public int StoreChunkSize { get; set; } = 5000;
}
