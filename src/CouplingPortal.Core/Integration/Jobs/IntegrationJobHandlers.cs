using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>A job whose engine reported the run itself as failed (not single records): counts as a failed attempt.</summary>
public sealed class IntegrationJobFailedException(string message) : Exception(message);

/// <summary>
/// Runs Synchronization entries: the <see cref="SyncRequest"/> payload with the entry's id as RequestId, so the
/// jobs the engine writes point back to the entry. The engine is resolved when the job runs, so the portal starts
/// without one (the job then fails with a clear message).
/// </summary>
public sealed class SynchronizationJobHandler(IServiceProvider services) : IIntegrationJobHandler
{
    public IntegrationJobKind Kind => IntegrationJobKind.Synchronization;

    public async Task RunAsync(IntegrationJobRequest request, IProgress<JobProgress> progress, CancellationToken ct)
    {
        var payload = IntegrationJobPayload.Read<SyncRequest>(request);
        var engine = services.GetService<ISynchronizationEngine>()
            ?? throw new InvalidOperationException(JobText.Message("EngineMissing_Synchronization"));
        var result = await engine.RunAsync(payload with { RequestId = request.Id, RequestedBy = JobHandlers.RequestedBy(payload.RequestedBy, request) }, progress, ct);
        JobHandlers.ThrowIfFailed(result.Jobs);
    }
}

/// <summary>
/// Runs MatchBasedCoupling entries, then enqueues the follow-up work of reference §3.7: a synchronization that creates
/// the unmatched records in Dataverse (create new if no match), and, with synchronize after coupling, one for the
/// newly coupled records in the direction the mapping's conflict resolution gives. A preview enqueues nothing.
/// </summary>
public sealed class MatchBasedCouplingJobHandler(IServiceProvider services, IIntegrationJobQueue queue, IDbContextFactory<PortalDbContext> dbFactory)
    : IIntegrationJobHandler
{
    public IntegrationJobKind Kind => IntegrationJobKind.MatchBasedCoupling;

    public async Task RunAsync(IntegrationJobRequest request, IProgress<JobProgress> progress, CancellationToken ct)
    {
        var payload = IntegrationJobPayload.Read<MatchRequest>(request);
        var engine = services.GetService<IMatchBasedCoupling>()
            ?? throw new InvalidOperationException(JobText.Message("EngineMissing_MatchBasedCoupling"));
        var requestedBy = JobHandlers.RequestedBy(payload.RequestedBy, request);
        var result = await engine.RunAsync(payload with { RequestId = request.Id, RequestedBy = requestedBy }, progress, ct);
        JobHandlers.ThrowIfFailed([result.Job]);
        if (payload.DryRun)
            return;

        List<Guid> createNew = [.. result.CreateNewLocalIds];
        if (createNew.Count > 0)
        {
            // Force: the records are to be created whatever their modification time relative to the watermark.
            await queue.EnqueueAsync(IntegrationJobKind.Synchronization, payload.MappingName, new SyncRequest
            {
                MappingName = payload.MappingName,
                Direction = SyncDirection.ToIntegrationTable,
                LocalSystemIds = createNew,
                SynchOnlyCoupledRecords = false,
                Force = true,
                RequestedBy = requestedBy,
            }, requestedBy, ct);
        }

        var coupled = result.Lines.Where(l => l.Outcome == MatchOutcome.Coupled).ToList();
        if (coupled.Count == 0)
            return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.IntegrationTableMappings.AsNoTracking().Where(m => m.Name == payload.MappingName)
            .Select(m => new { m.Direction, m.UpdateConflictResolution, m.SynchronizeAfterMatchBasedCoupling })
            .FirstOrDefaultAsync(ct);
        if (mapping is null || !(payload.SynchronizeAfterCoupling ?? mapping.SynchronizeAfterMatchBasedCoupling))
            return;
        // Force: newly coupled pairs have never been compared, so every mapped field is.
        await queue.EnqueueAsync(IntegrationJobKind.Synchronization, payload.MappingName, new SyncRequest
        {
            MappingName = payload.MappingName,
            Direction = DirectionAfterCoupling(mapping.Direction, payload.UpdateConflictResolution ?? mapping.UpdateConflictResolution),
            LocalSystemIds = [.. coupled.Select(l => l.LocalSystemId)],
            DataverseIds = [.. coupled.Where(l => l.DataverseId is not null).Select(l => l.DataverseId!.Value)],
            SynchOnlyCoupledRecords = true,
            Force = true,
            RequestedBy = requestedBy,
        }, requestedBy, ct);
    }

    /// <summary>
    /// Reference §3.7 step 5: the mapping's direction; for a bidirectional mapping the conflict resolution decides
    /// (Send → To, Get → From, none → both).
    /// </summary>
    public static SyncDirection DirectionAfterCoupling(SyncDirection mappingDirection, UpdateConflictResolution resolution) =>
        mappingDirection != SyncDirection.Bidirectional
            ? mappingDirection
            : resolution switch
            {
                UpdateConflictResolution.SendDataUpdateToDataverse => SyncDirection.ToIntegrationTable,
                UpdateConflictResolution.GetDataUpdateFromDataverse => SyncDirection.FromIntegrationTable,
                _ => SyncDirection.Bidirectional,
            };
}

/// <summary>Runs Uncoupling entries (the <see cref="UncoupleRequest"/> payload with the entry's id as RequestId).</summary>
public sealed class UncouplingJobHandler(IServiceProvider services) : IIntegrationJobHandler
{
    public IntegrationJobKind Kind => IntegrationJobKind.Uncoupling;

    public async Task RunAsync(IntegrationJobRequest request, IProgress<JobProgress> progress, CancellationToken ct)
    {
        var payload = IntegrationJobPayload.Read<UncoupleRequest>(request);
        var engine = services.GetService<IUncouplingEngine>()
            ?? throw new InvalidOperationException(JobText.Message("EngineMissing_Uncoupling"));
        var jobs = await engine.RunAsync(payload with { RequestId = request.Id, RequestedBy = JobHandlers.RequestedBy(payload.RequestedBy, request) }, progress, ct);
        JobHandlers.ThrowIfFailed(jobs);
    }
}

internal static class JobHandlers
{
    public static string RequestedBy(string fromPayload, IntegrationJobRequest request) =>
        string.IsNullOrEmpty(fromPayload) ? request.RequestedBy : fromPayload;

    public static void ThrowIfFailed(IEnumerable<IntegrationSynchJob> jobs)
    {
        if (jobs.FirstOrDefault(j => j.Status == IntegrationJobStatus.Failed) is { } failed)
            throw new IntegrationJobFailedException(string.IsNullOrWhiteSpace(failed.Message) ? JobText.Message("JobFailedNoMessage") : failed.Message);
    }
}
