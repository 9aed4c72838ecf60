using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CouplingPortal.Core.Data;

/// <summary>
/// Stamps SystemId, SystemCreatedAt and SystemModifiedAt the way Business Central's platform does: callers never set
/// them, every insert and every change gets a fresh, strictly increasing SystemModifiedAt.
/// </summary>
public sealed class SystemFieldsInterceptor(SystemStampClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
            return;

        foreach (var entry in context.ChangeTracker.Entries<MasterRecord>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    if (entry.Entity.SystemId == Guid.Empty)
                        entry.Entity.SystemId = Guid.NewGuid();
                    var stamp = clock.Next();
                    entry.Entity.SystemCreatedAt = stamp;
                    entry.Entity.SystemModifiedAt = stamp;
                    break;
                case EntityState.Modified:
                    // Creation stays what it was, whatever the caller sent.
                    entry.Property(e => e.SystemCreatedAt).IsModified = false;
                    entry.Entity.SystemModifiedAt = clock.Next();
                    break;
            }
        }
    }
}
