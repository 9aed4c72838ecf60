using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Connection;

/// <summary>
/// What later screens ask before they offer a Dataverse action: is a connection enabled? (The seed's rule: Dataverse
/// actions appear only when a connection is enabled.) Read from the database and kept for <see cref="CacheFor"/>, so
/// another portal instance on the same database sees a change within seconds; this instance's saves refresh it at once.
/// </summary>
public sealed class DataverseConnectionState(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private volatile Known? _enabled;

    public event Action? Changed;

    public async Task<bool> IsEnabledAsync(CancellationToken ct = default)
    {
        if (_enabled is { } known && clock.GetUtcNow() - known.ReadAt < CacheFor)
        {
            return known.Value;
        }

        var readAt = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.DataverseConnectionSetup.AsNoTracking()
            .Where(s => s.Id == DataverseConnectionSetup.SingletonId)
            .Select(s => s.IsEnabled)
            .FirstOrDefaultAsync(ct);
        var previous = _enabled;
        // A save during the read wins (it is newer than what was read).
        if (previous is null || previous.ReadAt <= readAt)
        {
            _enabled = new Known(enabled, readAt);
        }
        if (previous is not null && previous.Value != enabled)
        {
            Changed?.Invoke();
        }
        return enabled;
    }

    /// <summary>Throws <see cref="DataverseConnectionDisabledException"/> unless a connection is enabled.</summary>
    public async Task EnsureEnabledAsync(CancellationToken ct = default)
    {
        if (!await IsEnabledAsync(ct))
        {
            throw new DataverseConnectionDisabledException();
        }
    }

    internal void Set(bool enabled)
    {
        _enabled = new Known(enabled, clock.GetUtcNow());
        Changed?.Invoke();
    }

    private sealed record Known(bool Value, DateTimeOffset ReadAt);
}

/// <summary>The portal's features may not use Dataverse while the connection setup is not enabled.</summary>
public sealed class DataverseConnectionDisabledException()
    : InvalidOperationException("The Dataverse connection is not enabled. Enable it on the Dataverse Connection Setup page before using Dataverse.");
