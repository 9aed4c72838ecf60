using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Core.Integration.Uncoupling;

/// <summary>Uncoupling ("Integration:Uncoupling"), validated on start.</summary>
public sealed class UncouplingOptions
{
    public const string SectionName = "Integration:Uncoupling";

    /// <summary>Operations per $batch when clearing the company id (Dataverse refuses more than 1,000).</summary>
    [Range(1, 1000, ErrorMessage = "Integration:Uncoupling:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Ids per query when reading rows by id (kept small so the URL stays well under Dataverse's limit).</summary>
    [Range(1, 200, ErrorMessage = "Integration:Uncoupling:IdsPerQuery must be between 1 and 200.")]
    public int IdsPerQuery { get; set; } = 100;

    /// <summary>Rows per page for paged reads.</summary>
    [Range(1, 5000, ErrorMessage = "Integration:Uncoupling:DataversePageSize must be between 1 and 5000.")]
    public int DataversePageSize { get; set; } = 5000;
}
