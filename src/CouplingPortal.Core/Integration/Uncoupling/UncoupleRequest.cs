using CouplingPortal.Core.Integration.Jobs;

namespace CouplingPortal.Core.Integration.Uncoupling;

/// <summary>
/// Uncoupling (bc-coupling.md §3.9): given couplings, the couplings of given local records of a mapping, or every
/// coupling of whole mappings. Serialized as the payload of a queued job.
/// </summary>
public sealed record UncoupleRequest
{
    /// <summary>Every coupling of these mappings (plus clearing this company's id on rows still carrying it).</summary>
    public IReadOnlyList<string> MappingNames { get; init; } = [];

    /// <summary>These couplings (the errors page's lines).</summary>
    public IReadOnlyList<Guid> CouplingIds { get; init; } = [];

    /// <summary>With <see cref="MappingName"/>: the couplings of these local records (a list selection or a card).</summary>
    public IReadOnlyList<Guid> LocalSystemIds { get; init; } = [];

    public string? MappingName { get; init; }

    public string RequestedBy { get; init; } = "";

    public Guid? RequestId { get; init; }
}

/// <summary>
/// Removes couplings: clears bcbi_companyid on the Dataverse rows of company-scoped tables, deletes the coupling, and
/// for an account also uncouples its child contacts. One job (Type Uncoupling) per mapping.
/// </summary>
public interface IUncouplingEngine
{
    Task<IReadOnlyList<IntegrationSynchJob>> RunAsync(UncoupleRequest request, IProgress<JobProgress>? progress = null, CancellationToken ct = default);
}
