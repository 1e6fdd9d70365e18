using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Embedded mode's catalog: the same contract as the table, held by this silo's process, indexed by tile.</summary>
public sealed class InMemorySessionCatalog : ISessionCatalog
{
    private readonly ConcurrentDictionary<Guid, SessionSnapshot> _rows = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, byte>> _byTile = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<ParticipantEntry>> _members = new();

    public Task SaveAsync(SessionSnapshot session, CancellationToken cancellationToken = default)
    {
        // A session that moved leaves its old tiles.
        if (_rows.TryGetValue(session.Id, out var old))
        {
            var (oldFine, oldCoarse) = GeoGrid.TilesOf(old.Latitude, old.Longitude);
            foreach (var tile in new[] { oldFine, oldCoarse })
                if (_byTile.TryGetValue(tile, out var ids)) ids.TryRemove(session.Id, out _);
        }
        _rows[session.Id] = session;
        var (fine, coarse) = GeoGrid.TilesOf(session.Latitude, session.Longitude);
        foreach (var tile in new[] { fine, coarse })
            _byTile.GetOrAdd(tile, _ => new ConcurrentDictionary<Guid, byte>())[session.Id] = 0;
        return Task.CompletedTask;
    }

    public void SaveMembersSoon(Guid sessionId, IReadOnlyList<ParticipantEntry> members, DateTimeOffset updatedAt)
    {
        _rows.AddOrUpdate(sessionId, _ => throw new InvalidOperationException("The session was never saved."),
            (_, row) => row.UpdatedAt <= updatedAt
                ? row with { CurrentParticipants = members.Count(m => m.Role != ParticipantRoles.Waitlisted), UpdatedAt = updatedAt }
                : row);
        _members[sessionId] = [.. members];
    }

    public Task<IReadOnlyList<SessionHeading>> SessionsOfAsync(Guid userId, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SessionHeading>>(_rows.Values
            .Where(row => row.HostId == userId || RoleOf(row.Id, userId) is { } role && role != ParticipantRoles.Waitlisted)
            .OrderByDescending(row => row.StartTime).Take(max).Select(row => new SessionHeading(row.Id, row.Title, row.StartTime, row.EndTime, row.Status)).ToList());

    public Task<IReadOnlyList<Guid>> PlacesOfAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>(_rows.Values
            .Where(row => !SessionStatuses.IsOver(row.Status) && row.EndTime > now && RoleOf(row.Id, userId) is { } role && role != ParticipantRoles.Host)
            .Select(row => row.Id).ToList());

    private string? RoleOf(Guid sessionId, Guid userId) =>
        _members.TryGetValue(sessionId, out var members) ? members.FirstOrDefault(m => m.UserId == userId)?.Role : null;

    public Task<IReadOnlyList<Guid>> MembershipsOfAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>(_members.Where(session => session.Value.Any(m => m.UserId == userId)).Select(session => session.Key).ToList());

    public Task<IReadOnlyList<SessionSnapshot>> ActiveInTileAsync(string tileKey, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(ActiveIn([tileKey], now));

    public Task<IReadOnlyList<SessionSnapshot>> ActiveInRegionAsync(string regionKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (fine, coarse) = GeoGrid.TilesOfRegion(regionKey);
        return Task.FromResult(ActiveIn([.. fine, .. coarse], now));
    }

    private IReadOnlyList<SessionSnapshot> ActiveIn(IEnumerable<string> tiles, DateTimeOffset now) => tiles
        .SelectMany(tile => _byTile.TryGetValue(tile, out var ids) ? ids.Keys : Enumerable.Empty<Guid>())
        .Distinct()
        .Select(id => _rows[id])
        .Where(row => !SessionStatuses.IsOver(row.Status) && row.EndTime > now && row.Visibility == SessionVisibilities.Public && !row.HostSuspended)
        .Select(row => row with { Venue = null })
        .ToList();

    public Task<IReadOnlyList<Guid>> HostedByAsync(Guid hostId, DateTimeOffset? unfinishedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Guid>>(_rows.Values
            .Where(row => row.HostId == hostId && (unfinishedAt is not { } now || (!SessionStatuses.IsOver(row.Status) && row.EndTime > now)))
            .Select(row => row.Id)
            .ToList());

    public Task<(int Sessions, int Series)> ActiveHostingAsync(Guid hostId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var active = _rows.Values.Where(row => row.HostId == hostId && !SessionStatuses.IsOver(row.Status) && row.EndTime > now).ToList();
        return Task.FromResult((active.Count(row => row.SeriesId is null), active.Where(row => row.SeriesId is not null).Select(row => row.SeriesId).Distinct().Count()));
    }

    public Task SavePublicPositionAsync(Guid sessionId, double latitude, double longitude, CancellationToken cancellationToken = default) =>
        _rows.TryGetValue(sessionId, out var row) ? SaveAsync(row with { Latitude = latitude, Longitude = longitude }, cancellationToken) : Task.CompletedTask;

    public Task<IReadOnlyList<Guid>> DueForCatchUpAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Guid> due = _rows.Values
            .Where(row => row.Status != SessionStatuses.Cancelled && row.Status != SessionLifecycle.StatusAt(row.StartTime, row.EndTime, now))
            .Take(max)
            .Select(row => row.Id)
            .ToList();
        return Task.FromResult(due);
    }
}
