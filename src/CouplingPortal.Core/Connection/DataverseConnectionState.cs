using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Connection;

/// <summary>
/// What later screens ask before they offer a Dataverse action: is a connection enabled? (The seed's rule: Dataverse
/// actions appear only when a connection is enabled.) Cached after the first read; the setup service refreshes it on save.
/// </summary>
public sealed class DataverseConnectionState(IDbContextFactory<PortalDbContext> dbFactory)
{
    private volatile StrongBox<bool>? _enabled;

    public event Action? Changed;

    public async Task<bool> IsEnabledAsync(CancellationToken ct = default)
    {
        if (_enabled is { } known)
        {
            return known.Value;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enabled = await db.DataverseConnectionSetup.AsNoTracking()
            .Where(s => s.Id == DataverseConnectionSetup.SingletonId)
            .Select(s => s.IsEnabled)
            .FirstOrDefaultAsync(ct);
        _enabled ??= new StrongBox<bool>(enabled);
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
        _enabled = new StrongBox<bool>(enabled);
        Changed?.Invoke();
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value { get; } = value;
    }
}

/// <summary>The portal's features may not use Dataverse while the connection setup is not enabled.</summary>
public sealed class DataverseConnectionDisabledException()
    : InvalidOperationException("The Dataverse connection is not enabled. Enable it on the Dataverse Connection Setup page before using Dataverse.");
