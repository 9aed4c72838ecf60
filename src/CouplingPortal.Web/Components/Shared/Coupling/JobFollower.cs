using System.Collections.Concurrent;
using System.Globalization;
using CouplingPortal.Core.Integration.Jobs;

namespace CouplingPortal.Web.Components.Shared.Coupling;

/// <summary>
/// Follows the queue entries a page's actions enqueued, through <see cref="IIntegrationJobEvents"/> (pushed, not
/// polled): while any of them runs, <see cref="Running"/> and <see cref="Progress"/> describe it; when the last one
/// is Finished or Error, <paramref name="onEnded"/> runs (the page reloads itself). Subscribe when the page starts and
/// dispose with the page; an entry that ended before <see cref="Follow"/> was called still counts as ended.
/// </summary>
public sealed class JobFollower : IDisposable
{
    private readonly ConcurrentDictionary<Guid, JobProgress> _followed = new();
    private readonly ConcurrentDictionary<Guid, byte> _ended = new();
    private readonly Func<Task> _onChanged;
    private readonly Func<Task> _onEnded;
    private readonly IDisposable _subscription;
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    /// <remarks>
    /// Events arrive on the job's thread; the callbacks run in the page's culture (captured here), so a page a Dutch
    /// user has open re-renders in Dutch.
    /// </remarks>
    public JobFollower(IIntegrationJobEvents events, Func<Task> onChanged, Func<Task> onEnded)
    {
        _onChanged = () => InPageCulture(onChanged);
        _onEnded = () => InPageCulture(onEnded);
        _subscription = events.Subscribe(OnEvent);
    }

    /// <summary>True while a followed entry has not ended.</summary>
    public bool Running => !_followed.IsEmpty;

    /// <summary>The progress of the followed entries: processed so far and the total when known.</summary>
    public JobProgress Progress
    {
        get
        {
            var values = _followed.Values.ToList();
            var total = values.All(v => v.Total is not null) && values.Count > 0 ? values.Sum(v => v.Total!.Value) : (int?)null;
            return new JobProgress(values.Sum(v => v.Processed), total);
        }
    }

    /// <summary>The last job message (Error's reason), shown after the run.</summary>
    public string? LastError { get; private set; }

    public void Follow(IEnumerable<Guid> requestIds)
    {
        var any = false;
        foreach (var id in requestIds)
        {
            if (_ended.ContainsKey(id)) continue;
            _followed[id] = default;
            any = true;
        }
        if (!any && requestIds.Any())
            _ = _onEnded();
    }

    private void OnEvent(IntegrationJobEvent e)
    {
        var ended = e.Status is IntegrationJobRequestStatus.Finished or IntegrationJobRequestStatus.Error;
        if (ended)
        {
            _ended[e.RequestId] = 0;
            if (!_followed.TryRemove(e.RequestId, out _)) return;
            if (e.Status == IntegrationJobRequestStatus.Error) LastError = e.Message;
            _ = _followed.IsEmpty ? _onEnded() : _onChanged();
            return;
        }
        if (_followed.ContainsKey(e.RequestId))
        {
            _followed[e.RequestId] = e.Progress;
            _ = _onChanged();
        }
    }

    private Task InPageCulture(Func<Task> callback)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
            return callback();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
