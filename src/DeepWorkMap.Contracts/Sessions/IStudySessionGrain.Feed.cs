using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;

namespace DeepWorkMap.Contracts.Sessions;

/// <summary>The live feed: the front doors that watch the session, what they missed, and who of their users is here.</summary>
public partial interface IStudySessionGrain
{
    /// <summary>Opens the live feed for a participant: registers the front door's observer and returns the session and its recent chat.</summary>
    [RetrySafe, Alias("Subscribe")] Task<SessionFeed> Subscribe(Guid userId, ISessionObserver observer);

    /// <summary>
    /// Keeps a front door's registration alive and renews its presence report (as <see cref="ReportPresence"/>); the
    /// answer lets it notice what it missed.
    /// </summary>
    [RetrySafe, Alias("Watch")] Task<SessionPulse> Watch(ISessionObserver observer, IReadOnlyDictionary<Guid, PresenceReport> presence);

    [RetrySafe, Alias("Unwatch")] Task Unwatch(ISessionObserver observer);

    /// <summary>Messages with seq above <paramref name="seq"/>, oldest first: how a front door fills a gap.</summary>
    [RetrySafe, Alias("MessagesAfter")] Task<IReadOnlyList<ChatMessage>> MessagesAfter(long seq);

    /// <summary>
    /// A front door's view of its connections holding the session: each user there, active or away, and since when. The
    /// whole set each time, on every change and renewal; what a front door stops renewing expires (so a crashed one takes
    /// its users offline).
    /// </summary>
    [RetrySafe, Alias("ReportPresence")] Task ReportPresence(ISessionObserver frontDoor, IReadOnlyDictionary<Guid, PresenceReport> presence);
}
