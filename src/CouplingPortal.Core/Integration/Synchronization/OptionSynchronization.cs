using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Dataverse;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>
/// Option mappings (PAYMENT TERMS, SHIPMENT METHOD, SHIPPING AGENT; To only, reference §3.11): every local code is
/// coupled to an option value of the option-set column. The portal's client cannot read or extend option-set metadata
/// (neither can the emulator), so a code that is not coupled yet is coupled by label to a value already used on a
/// row (the FormattedValue annotation); a code with no such option fails with a clear message instead of inventing one.
/// </summary>
internal sealed class OptionSynchronization(IDbContextFactory<PortalDbContext> dbFactory, IDataverseClient client, TimeProvider clock)
{
    public async Task RunAsync(IntegrationTableMapping mapping, SyncRequest request, IntegrationSynchJob job, List<SyncPlanLine> lines, CancellationToken ct)
    {
        var column = mapping.DataverseOptionColumn!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await LookupCache.LocalKeysAsync(db, mapping.LocalTable, ct);
        var query = LocalRecordQuery.ForMapping(db, mapping);
        if (request.LocalSystemIds.Count > 0)
            query = query.Where(r => request.LocalSystemIds.Contains(r.SystemId));
        var records = await query.Select(r => r.SystemId).ToListAsync(ct);
        var couplings = await db.OptionCouplings.Where(o => o.MappingName == mapping.Name).ToDictionaryAsync(o => o.LocalSystemId, ct);

        Dictionary<string, int>? labels = null;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var systemId in records)
        {
            var code = keys[systemId];
            var source = $"{IntegrationText.TableCaption(mapping.LocalTable)} {code}";
            SyncAction action;
            string? reason = null;
            if (couplings.TryGetValue(systemId, out var coupling))
            {
                action = coupling.Skipped ? SyncAction.Skip : SyncAction.Unchanged;
                if (!coupling.Skipped && !request.DryRun) coupling.RecordSuccess(SyncDirection.ToIntegrationTable, job.Id, null);
            }
            else
            {
                labels ??= await LabelsInUseAsync(mapping, column, ct);
                if (labels.TryGetValue(code, out var value) && !couplings.Values.Any(c => c.OptionValue == value))
                {
                    action = SyncAction.Couple;
                    if (!request.DryRun)
                    {
                        var created = new OptionCoupling
                        {
                            Id = Guid.NewGuid(), MappingName = mapping.Name, LocalTable = mapping.LocalTable, LocalSystemId = systemId,
                            DataverseTable = mapping.DataverseTable, DataverseColumn = column, OptionValue = value, OptionLabel = code, CoupledAt = now,
                        };
                        created.RecordSuccess(SyncDirection.ToIntegrationTable, job.Id, null);
                        db.OptionCouplings.Add(created);
                        couplings[systemId] = created;
                    }
                }
                else
                {
                    action = SyncAction.Fail;
                    reason = SyncText.Message("OptionLabelMissing", column, code);
                    if (!request.DryRun)
                        db.IntegrationSynchJobErrors.Add(new IntegrationSynchJobError
                        {
                            JobId = job.Id, SourceRecordId = systemId, SourceDescription = source, DestinationDescription = column,
                            Message = reason.Length <= 250 ? reason : reason[..250], Detail = reason, OccurredAt = now,
                        });
                }
            }
            job.Count(action);
            if (request.DryRun)
                lines.Add(new SyncPlanLine(SyncDirection.ToIntegrationTable, systemId, null, source, action, false, reason, []));
        }
        if (!request.DryRun) await db.SaveChangesAsync(ct);
    }

    /// <summary>Option labels seen on rows of the table (from the FormattedValue annotation), by label.</summary>
    private async Task<Dictionary<string, int>> LabelsInUseAsync(IntegrationTableMapping mapping, string column, CancellationToken ct)
    {
        var labels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var query = Dataverse.Querying.DataverseQuery.From(MappedRows.Table(mapping)).Select(column).Where(Dataverse.Querying.Filter.IsNotNull(column));
        await foreach (var row in client.QueryAsync(query, ct: ct))
        {
            if (row.GetInt32(column) is { } value && row.GetString(column + "@OData.Community.Display.V1.FormattedValue") is { Length: > 0 } label)
                labels.TryAdd(label, value);
        }
        return labels;
    }
}
