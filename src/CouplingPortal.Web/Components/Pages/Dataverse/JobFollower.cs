using System.Collections.Concurrent;
using System.Globalization;
using CouplingPortal.Core.Integration.Jobs;

namespace CouplingPortal.Web.Components.Pages.Dataverse;

/// <summary>
/// Follows the queue entries a page enqueued: each event of a followed entry is kept (latest per entry) and handed to
/// the page's callback, which re-renders over the circuit (InvokeAsync). No polling: the queue pushes its events.
/// Dispose with the page to unsubscribe.
/// </summary>
public sealed class JobFollower : IDisposable
{
    private readonly ConcurrentDictionary<Guid, IntegrationJobEvent?> _followed = new();
    // Every entry's latest event since the page opened: a fast job may end before the action returns its id.
    private readonly ConcurrentDictionary<Guid, IntegrationJobEvent> _seen = new();
    private readonly IDisposable _subscription;
    private readonly Func<IntegrationJobEvent, Task> _changed;
    // The page's (circuit's) culture: events arrive on the queue's thread, whose culture would otherwise flow into the
    // re-render through InvokeAsync and show the page in the server's language.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public JobFollower(IIntegrationJobEvents events, Func<IntegrationJobEvent, Task> changed)
    {
        ArgumentNullException.ThrowIfNull(events);
        _changed = changed;
        _subscription = events.Subscribe(OnEvent);
    }

    /// <summary>Starts following these entries (an action's JobRequestIds).</summary>
    public void Follow(IEnumerable<Guid> requestIds)
    {
        foreach (var id in requestIds)
        {
            var earlier = _seen.GetValueOrDefault(id);
            _followed[id] = earlier;
            if (earlier is not null && Ended(earlier.Status)) Notify(earlier);
        }
    }

    /// <summary>Whether any followed entry has not ended yet (Finished or Error).</summary>
    public bool Running => _followed.Values.Any(e => e is null || !Ended(e.Status));

    /// <summary>The latest event of each followed entry that reported one.</summary>
    public IReadOnlyList<IntegrationJobEvent> Latest => [.. _followed.Values.OfType<IntegrationJobEvent>()];

    public IntegrationJobEvent? LatestOf(Guid requestId) => _followed.GetValueOrDefault(requestId);

    /// <summary>Processed / Total over the followed entries that report a total, 0–100; null when none does yet.</summary>
    public double? Percent
    {
        get
        {
            var withTotal = Latest.Where(e => e.Progress.Total is > 0).ToList();
            if (withTotal.Count == 0) return null;
            return 100.0 * withTotal.Sum(e => Math.Min(e.Progress.Processed, e.Progress.Total!.Value)) / withTotal.Sum(e => e.Progress.Total!.Value);
        }
    }

    public static bool Ended(IntegrationJobRequestStatus status) =>
        status is IntegrationJobRequestStatus.Finished or IntegrationJobRequestStatus.Error;

    public void Clear() => _followed.Clear();

    private void OnEvent(IntegrationJobEvent e)
    {
        _seen[e.RequestId] = e;
        if (!_followed.ContainsKey(e.RequestId)) return;
        _followed[e.RequestId] = e;
        Notify(e);
    }

    private void Notify(IntegrationJobEvent e)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            _ = _changed(e);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    public void Dispose() => _subscription.Dispose();
}
