namespace DeepWorkMap.Contracts.Users;

/// <summary>docs/api.md's notification kinds, spelled as on the wire.</summary>
public static class NotificationKinds
{
    public const string SessionReminder = "session_reminder";
    public const string WaitlistPromoted = "waitlist_promoted";
    public const string SessionCancelled = "session_cancelled";
    public const string SessionChanged = "session_changed";
    public const string RemovedFromSession = "removed_from_session";
    public const string FollowedHostHosting = "followed_host_hosting";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { SessionReminder, WaitlistPromoted, SessionCancelled, SessionChanged, RemovedFromSession, FollowedHostHosting };
}
