using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// The hub's <c>sessionRemoved</c>: the session left the watcher's map (or, to subscribers, finished), and why, so a page
/// showing it need not read it again. <see cref="CancelReason"/> is the host's word when it was cancelled.
/// </summary>
public sealed record SessionRemovedEvent(Guid SessionId, string Reason, string? CancelReason)
{
    public const string Finished = "finished";
    public const string Cancelled = "cancelled";
    public const string Moved = "moved";
    public const string Withdrawn = "withdrawn";

    /// <summary>Over (finished or cancelled), taken off the maps though it goes on (a suspended host, made private), or elsewhere now.</summary>
    public static SessionRemovedEvent Of(SessionSnapshot session) => new(session.Id, session.Status switch
    {
        SessionStatuses.Finished => Finished,
        SessionStatuses.Cancelled => Cancelled,
        _ when session.HostSuspended || session.Visibility == SessionVisibilities.Private => Withdrawn,
        _ => Moved,
    }, session.Status == SessionStatuses.Cancelled ? session.CancelReason : null);
}
