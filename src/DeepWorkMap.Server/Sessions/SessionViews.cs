using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// Turns what session grains answer (sessions, participants, chat messages) into docs/api.md's shapes, as the
/// viewer may see them, naming users through the <see cref="UserDirectory"/>.
/// </summary>
public sealed class SessionViews(UserDirectory users)
{
    /// <summary>The session as the grain answered it for this viewer (the venue already kept or withheld), with its host named for signed-in viewers.</summary>
    public async Task<SessionDto> ToDtoAsync(SessionSnapshot session, Viewer viewer, CancellationToken cancellationToken = default) =>
        ToDto(session, viewer.SignedIn ? await users.FindAsync(session.HostId, cancellationToken) : null);

    /// <summary>Nearby results: the public position and its distance from the centre, to 0.1 km; never a venue.</summary>
    public async Task<IReadOnlyList<SessionDto>> ToDtosAsync(IReadOnlyList<NearbyHit> hits, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var hosts = viewer.SignedIn ? await users.FindManyAsync(hits.Select(h => h.Session.HostId), cancellationToken) : null;
        return hits
            .Select(h => ToDto(h.Session with { Venue = null, Description = null, Mine = null, Phase = null }, hosts?[h.Session.HostId], DistanceOf(h)))
            .ToList();
    }

    /// <summary>Viewport results: the public position, never a venue, and no distance (a box has no centre to measure from).</summary>
    public async Task<IReadOnlyList<SessionDto>> ToDtosAsync(IReadOnlyList<SessionSnapshot> sessions, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var hosts = viewer.SignedIn ? await users.FindManyAsync(sessions.Select(s => s.HostId), cancellationToken) : null;
        return sessions.Select(s => ToDto(s with { Venue = null, Description = null, Mine = null, Phase = null }, hosts?[s.HostId])).ToList();
    }

    /// <summary>Nearby results in the map's form: no one named, so no directory look-up; the distance as the full form has it.</summary>
    public static IReadOnlyList<MapSessionDto> ToMapDtos(IReadOnlyList<NearbyHit> hits) =>
        hits.Select(h => ToMapDto(h.Session, DistanceOf(h))).ToList();

    /// <summary>Viewport and area results in the map's form.</summary>
    public static IReadOnlyList<MapSessionDto> ToMapDtos(IReadOnlyList<SessionSnapshot> sessions) => sessions.Select(s => ToMapDto(s, null)).ToList();

    // The distance goes in as the item is made: a copy of each item to add it (with) was a second allocation per item.
    private static MapSessionDto ToMapDto(SessionSnapshot s, double? distanceKm) => new(
        s.Id, s.Title, s.Subject, s.SessionType, s.Status, ShownCoordinates.Of(s.Latitude), ShownCoordinates.Of(s.Longitude), s.StartTime, s.EndTime,
        s.MaxParticipants, s.CurrentParticipants)
    {
        DistanceKm = distanceKm,
    };

    /// <summary>docs/api.md's <c>distanceKm</c>: to 0.1 km.</summary>
    private static double DistanceOf(NearbyHit hit) => Math.Round(hit.DistanceKm, 1);

    public async Task<IReadOnlyList<ParticipantDto>> ToDtosAsync(IReadOnlyList<ParticipantEntry> participants, CancellationToken cancellationToken = default)
    {
        var named = await users.FindManyAsync(participants.Select(p => p.UserId), cancellationToken);
        return participants.Select(p => new ParticipantDto(named[p.UserId], p.Role, p.JoinedAt) { CheckedInAt = p.CheckedInAt, Goal = GoalOf(p.Goal), Presence = p.Presence }).ToList();
    }

    public async ValueTask<MessageDto> ToDtoAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        ToDto(message, await users.FindAsync(message.UserId, cancellationToken));

    public async Task<IReadOnlyList<MessageDto>> ToDtosAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var authors = await users.FindManyAsync(messages.Select(m => m.UserId), cancellationToken);
        return messages.Select(m => ToDto(m, authors[m.UserId])).ToList();
    }

    private static SessionDto ToDto(SessionSnapshot s, UserDto? host, double? distanceKm = null) => new(
        s.Id, s.Title, s.Subject, s.SessionType, s.Status, ShownCoordinates.Of(s.Latitude), ShownCoordinates.Of(s.Longitude), s.StartTime, s.EndTime,
        s.DurationMinutes, s.MaxParticipants, s.CurrentParticipants, host, s.CreatedAt, s.UpdatedAt)
    {
        Visibility = s.Visibility,
        Description = s.Description,
        Version = s.Version,
        WaitlistCount = s.WaitlistCount,
        WaitlistLimit = s.WaitlistLimit,
        MinAttendanceRate = s.MinAttendanceRate,
        SeriesId = s.SeriesId,
        CancelReason = s.CancelReason,
        Timer = s.Timer is { } plan ? new TimerDto(plan.FocusMinutes, plan.BreakMinutes, plan.Cycles) : null,
        Phase = PhaseOf(s.Phase),
        MyRole = s.Mine?.Role,
        WaitlistPosition = s.Mine?.WaitlistPosition,
        CheckedInAt = s.Mine?.CheckedInAt,
        Venue = s.Venue,
        InviteCode = s.InviteCode,
        InviteLink = s.InviteCode is { } code ? InviteLinkOf(s.Id, code) : null,
        DistanceKm = distanceKm,
    };

    public static PhaseDto? PhaseOf(TimerPhase? p) => p is null ? null : new PhaseDto(p.Kind, p.Index, p.StartsAt, p.EndsAt, p.PausedAt);

    /// <summary>
    /// A participant as one who blocks them, or whom they block, sees them in a shared session: offline (when the viewer
    /// sees presence at all) and without a goal, the free text they would otherwise keep showing the other.
    /// </summary>
    public static ParticipantEntry AsHidden(ParticipantEntry participant) =>
        participant with { Presence = participant.Presence is null ? null : PresenceStates.Offline, Goal = null };

    public static GoalDto? GoalOf(SessionGoal? goal) => goal is null ? null : new GoalDto(goal.Text, goal.Done, goal.UpdatedAt);

    /// <summary>The page's address that opens a private session with its code, relative to the front door.</summary>
    public static string InviteLinkOf(Guid sessionId, string code) => $"/?session={sessionId}&invite={Uri.EscapeDataString(code)}";

    private static MessageDto ToDto(ChatMessage m, UserDto author) => new(m.Id, m.SessionId, m.Seq, author, m.Content, m.CreatedAt) { Hidden = m.Hidden, EditedAt = m.EditedAt, Deleted = m.Deleted };
}
