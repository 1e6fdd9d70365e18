using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Users;

namespace DeepWorkMap.Server.Stats;

/// <summary>Embedded mode's focus time, gone when the process ends; the same rules as <see cref="PostgresFocusLog"/>.</summary>
public sealed class InMemoryFocusLog(IPreferencesStore preferences) : IFocusLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid UserId, Guid SessionId, DateTimeOffset StartedAt), FocusSpan> _rows = [];

    public async Task RecordAsync(IReadOnlyList<FocusInterval> intervals, CancellationToken cancellationToken = default)
    {
        foreach (var interval in intervals)
        {
            var zone = (await preferences.LoadAsync(interval.UserId, cancellationToken)).Preferences.TimeZone;
            var key = (interval.UserId, interval.SessionId, interval.StartedAt);
            lock (_gate)
            {
                _rows[key] = _rows.TryGetValue(key, out var stored)
                    ? stored with { EndedAt = stored.EndedAt > interval.EndedAt ? stored.EndedAt : interval.EndedAt }
                    : new FocusSpan(interval.UserId, interval.SessionId, interval.StartedAt, interval.EndedAt, zone);
            }
        }
    }

    public Task<IReadOnlyList<FocusSpan>> SpansAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<FocusSpan> spans = _rows.Values
                .Where(s => userIds.Contains(s.UserId) && (from is null || s.EndedAt > from) && (to is null || s.StartedAt < to))
                .OrderBy(s => s.UserId).ThenBy(s => s.StartedAt).ToList();
            return Task.FromResult(spans);
        }
    }
}
