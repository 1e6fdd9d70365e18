using System.Collections.Concurrent;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Embedded mode's attendance, gone when the process ends.</summary>
public sealed class InMemoryAttendanceStore : IAttendanceStore
{
    private readonly ConcurrentDictionary<(Guid SessionId, Guid UserId), bool> _rows = new();

    public Task RecordAsync(Guid sessionId, IReadOnlyList<(Guid UserId, bool Attended)> participants, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        foreach (var (userId, attended) in participants) _rows.TryAdd((sessionId, userId), attended);
        return Task.CompletedTask;
    }

    public Task<AttendanceRecord> OfAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var mine = _rows.Where(r => r.Key.UserId == userId).Select(r => r.Value).ToList();
        return Task.FromResult(new AttendanceRecord(mine.Count(a => a), mine.Count(a => !a)));
    }
}
