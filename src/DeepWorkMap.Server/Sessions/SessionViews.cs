using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Accounts;

namespace DeepWorkMap.Server.Sessions;

/// <summary>Turns what session grains answer (sessions, participants, chat messages) into docs/api.md's shapes, naming users through the <see cref="UserDirectory"/>.</summary>
public sealed class SessionViews(UserDirectory users)
{
    public async Task<SessionDto> ToDtoAsync(SessionSnapshot session, CancellationToken cancellationToken = default) =>
        ToDto(session, await users.FindAsync(session.HostId, cancellationToken));

    /// <summary>Nearby results: each session with its distance from the centre.</summary>
    public async Task<IReadOnlyList<SessionDto>> ToDtosAsync(IReadOnlyList<NearbyHit> hits, CancellationToken cancellationToken = default)
    {
        var hosts = await users.FindManyAsync(hits.Select(h => h.Session.HostId), cancellationToken);
        return hits.Select(h => ToDto(h.Session, hosts[h.Session.HostId]) with { DistanceKm = h.DistanceKm }).ToList();
    }

    public async Task<IReadOnlyList<ParticipantDto>> ToDtosAsync(IReadOnlyList<ParticipantEntry> participants, CancellationToken cancellationToken = default)
    {
        var named = await users.FindManyAsync(participants.Select(p => p.UserId), cancellationToken);
        return participants.Select(p => new ParticipantDto(named[p.UserId], p.Role, p.JoinedAt)).ToList();
    }

    public async ValueTask<MessageDto> ToDtoAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        ToDto(message, await users.FindAsync(message.UserId, cancellationToken));

    public async Task<IReadOnlyList<MessageDto>> ToDtosAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var authors = await users.FindManyAsync(messages.Select(m => m.UserId), cancellationToken);
        return messages.Select(m => ToDto(m, authors[m.UserId])).ToList();
    }

    public static SessionDto ToDto(SessionSnapshot s, UserDto host) => new(
        s.Id, s.Title, s.Subject, s.SessionType, s.Status, s.Latitude, s.Longitude, s.StartTime, s.EndTime,
        s.DurationMinutes, s.MaxParticipants, s.CurrentParticipants, host, s.CreatedAt, s.UpdatedAt);

    private static MessageDto ToDto(ChatMessage m, UserDto author) => new(m.Id, m.SessionId, m.Seq, author, m.Content, m.CreatedAt);
}
