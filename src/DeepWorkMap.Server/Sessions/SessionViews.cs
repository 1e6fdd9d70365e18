using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Turns what session grains answer into API.md's shapes, with the users they name.</summary>
public sealed class SessionViews(IUserStore users)
{
    private static readonly UserDto Unknown = new(Guid.Empty, "unknown", "Unknown user", null);

    /// <summary>How a user id whose account no longer exists is shown.</summary>
    public static UserDto UnknownUser(Guid id) => Unknown with { Id = id };

    public async Task<SessionDto> ToDtoAsync(SessionSnapshot session, CancellationToken cancellationToken = default)
    {
        var host = await users.FindByIdAsync(session.HostId, cancellationToken);
        return ToDto(session, host?.ToDto() ?? UnknownUser(session.HostId));
    }

    public async Task<IReadOnlyList<SessionDto>> ToDtosAsync(IReadOnlyList<SessionSnapshot> sessions, CancellationToken cancellationToken = default)
    {
        var hosts = await users.FindManyAsync(sessions.Select(s => s.HostId).ToHashSet(), cancellationToken);
        return sessions
            .Select(s => ToDto(s, hosts.TryGetValue(s.HostId, out var host) ? host.ToDto() : UnknownUser(s.HostId)))
            .ToList();
    }

    /// <summary>Nearby results: each session with its distance from the centre.</summary>
    public async Task<IReadOnlyList<SessionDto>> ToDtosAsync(IReadOnlyList<NearbyHit> hits, CancellationToken cancellationToken = default)
    {
        var sessions = await ToDtosAsync(hits.Select(h => h.Session).ToList(), cancellationToken);
        return sessions.Select((dto, i) => dto with { DistanceKm = hits[i].DistanceKm }).ToList();
    }

    public async Task<IReadOnlyList<ParticipantDto>> ToDtosAsync(IReadOnlyList<ParticipantEntry> participants, CancellationToken cancellationToken = default)
    {
        var found = await users.FindManyAsync(participants.Select(p => p.UserId).ToList(), cancellationToken);
        return participants
            .Select(p => new ParticipantDto(found.TryGetValue(p.UserId, out var user) ? user.ToDto() : UnknownUser(p.UserId), p.Role, p.JoinedAt))
            .ToList();
    }

    public static SessionDto ToDto(SessionSnapshot s, UserDto host) => new(
        s.Id, s.Title, s.Subject, s.SessionType, s.Status, s.Latitude, s.Longitude, s.StartTime, s.EndTime,
        s.DurationMinutes, s.MaxParticipants, s.CurrentParticipants, host, s.CreatedAt, s.UpdatedAt);

    /// <summary>200 with the session, or the problem that goes with the grain's error code.</summary>
    public async Task<IResult> ResultAsync(SessionOutcome outcome, CancellationToken cancellationToken = default) =>
        outcome.Error is { } error
            ? Refusal.ForSessionError(error).ToProblem()
            : TypedResults.Ok(await ToDtoAsync(outcome.Session!, cancellationToken));
}
