using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>
/// This instance's hold on a claimed queue entry. Every write (renewal, progress, the outcome) succeeds only while the
/// entry still carries this instance as lease owner and the version this instance last wrote; otherwise the lease is
/// lost (another instance took the entry over after it expired) and nothing more is written.
/// </summary>
internal sealed class JobLease(IDbContextFactory<PortalDbContext> dbFactory, Guid requestId, string owner, int version)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _version = version;
    private volatile bool _lost;

    public bool Lost => _lost;

    /// <summary>Applies <paramref name="set"/> while the lease holds; with <paramref name="bumpVersion"/> the version moves on.</summary>
    public async Task<bool> UpdateAsync(Action<UpdateSettersBuilder<IntegrationJobRequest>> set, bool bumpVersion, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_lost)
                return false;
            var expected = _version;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await Held(db, expected).ExecuteUpdateAsync(s =>
            {
                set(s);
                if (bumpVersion)
                    s.SetProperty(r => r.Version, expected + 1);
            }, ct);
            if (rows == 0)
            {
                _lost = true;
                return false;
            }
            if (bumpVersion)
                _version = expected + 1;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the entry while the lease holds (a recurring entry whose mapping is gone).</summary>
    public async Task<bool> DeleteAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_lost)
                return false;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await Held(db, _version).ExecuteDeleteAsync(ct) == 0)
                _lost = true;
            return !_lost;
        }
        finally
        {
            _gate.Release();
        }
    }

    private IQueryable<IntegrationJobRequest> Held(PortalDbContext db, int expected) =>
        db.IntegrationJobRequests.Where(r => r.Id == requestId && r.Version == expected && r.LeaseOwner == owner
            && r.Status == IntegrationJobRequestStatus.InProcess);
}
