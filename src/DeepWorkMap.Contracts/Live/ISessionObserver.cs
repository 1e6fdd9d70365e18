using Orleans.Concurrency;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Live;

/// <summary>
/// A front door listening to sessions its clients opened. Session grains push here, one way; the
/// front door relays to its SignalR connections. Messages carry seq, so the front door can put them
/// in order, drop repeats and fetch what it missed.
/// </summary>
[Alias("DeepWorkMap.ISessionObserver")]
public interface ISessionObserver : IGrainObserver
{
    [OneWay, Alias("MessageAccepted")] Task MessageAccepted(ChatMessage message);

    [OneWay, Alias("ParticipantJoined")] Task ParticipantJoined(MembershipChange change);

    /// <summary>A moderator hid an accepted message: it keeps its seq and loses its content.</summary>
    [OneWay, Alias("MessageHidden")] Task MessageHidden(ChatMessage hidden);

    /// <summary>Its sender edited or deleted an accepted message: it keeps its seq; a deleted one loses its content.</summary>
    [OneWay, Alias("MessageChanged")] Task MessageChanged(ChatMessage changed);

    [OneWay, Alias("ParticipantLeft")] Task ParticipantLeft(MembershipChange change);

    /// <summary>The timer moved to another phase, by the clock or by the host (paused, resumed, skipped, set).</summary>
    [OneWay, Alias("PhaseChanged")] Task PhaseChanged(Guid sessionId, TimerPhase? phase);

    /// <summary>A participant's presence changed (see <see cref="PresenceStates"/>).</summary>
    [OneWay, Alias("PresenceChanged")] Task PresenceChanged(Guid sessionId, Guid userId, string state);

    /// <summary>A participant stated, changed, dropped or checked off their goal.</summary>
    [OneWay, Alias("GoalChanged")] Task GoalChanged(Guid sessionId, Guid userId, SessionGoal? goal);

    /// <summary>A participant checked in: for the host's eyes only.</summary>
    [OneWay, Alias("CheckedIn")] Task CheckedIn(Guid sessionId, Guid hostId, ParticipantEntry participant);

    /// <summary>Status, seat count, waitlist or an edited field changed; a finished or cancelled session is over.</summary>
    [OneWay, Alias("SessionChanged")] Task SessionChanged(SessionSnapshot session);
}
