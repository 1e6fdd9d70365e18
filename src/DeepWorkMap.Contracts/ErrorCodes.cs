namespace DeepWorkMap.Contracts;

/// <summary>
/// Every machine-readable <c>code</c> of docs/api.md, in one place: the grains answer with them, REST carries
/// them in its problem answers and the hub at the start of its error messages.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal_error";

    public const string InvalidCredentials = "invalid_credentials";
    public const string EmailTaken = "email_taken";
    public const string UsernameTaken = "username_taken";

    public const string SessionFull = "session_full";
    public const string SessionFinished = "session_finished";
    public const string HostCannotLeave = "host_cannot_leave";
    public const string NotHost = "not_host";
    public const string NotParticipant = "not_participant";

    /// <summary>The host called the session off: no joins, no check-ins, no chat.</summary>
    public const string SessionCancelled = "session_cancelled";

    /// <summary>Moving or cancelling a session is possible only before it starts.</summary>
    public const string SessionStarted = "session_started";

    /// <summary>An edit made on an older version of the session than the current one.</summary>
    public const string VersionConflict = "version_conflict";

    /// <summary>Capacity cannot drop below the participants already in.</summary>
    public const string CapacityBelowParticipants = "capacity_below_participants";

    /// <summary>Asked to wait for a seat while one is free: join instead.</summary>
    public const string SeatsAvailable = "seats_available";

    /// <summary>The session's waitlist holds as many as it may.</summary>
    public const string WaitlistFull = "waitlist_full";

    /// <summary>Waitlisting or checking in is for someone in another role (already a participant; not one).</summary>
    public const string AlreadyParticipant = "already_participant";

    /// <summary>Check-in opens 10 minutes before the start.</summary>
    public const string CheckInNotOpen = "check_in_not_open";

    /// <summary>A timer command on a session without a timer, or a skip while the timer is not running.</summary>
    public const string TimerNotRunning = "timer_not_running";

    /// <summary>The host asks for a minimum attendance rate the user's record does not reach.</summary>
    public const string AttendanceTooLow = "attendance_too_low";

    /// <summary>Login: a moderator suspended this account.</summary>
    public const string Suspended = "suspended";

    /// <summary>Only moderators may do this.</summary>
    public const string NotModerator = "not_moderator";

    /// <summary>The session's host blocked this user; they cannot join the host's sessions.</summary>
    public const string Blocked = "blocked";

    /// <summary>The host removed this user from the session; they cannot join it again.</summary>
    public const string Removed = "removed";

    /// <summary>An invite code was asked of a public session, which has none.</summary>
    public const string NotPrivate = "not_private";

    /// <summary>A cap on what one account holds at once is reached (sessions hosted, joins, hub connections).</summary>
    public const string LimitReached = "limit_reached";

    /// <summary>A create repeated with a different command for an id that exists; never reaches a client (ids are the server's).</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>The account has not verified its email address yet: it may search and join, not host or follow.</summary>
    public const string EmailUnverified = "email_unverified";

    /// <summary>A mailed link's token that is unknown, used or expired (the three are not told apart).</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>A refresh token that is unknown, expired, already used, or of a signed-out device: sign in again.</summary>
    public const string SignedOut = "signed_out";

    /// <summary>A verification mail asked for by an account whose address is already verified.</summary>
    public const string AlreadyVerified = "already_verified";

    /// <summary>The user keeps their focus stats to themselves.</summary>
    public const string StatsHidden = "stats_hidden";

    /// <summary>Editing or deleting a chat message someone else sent.</summary>
    public const string NotAuthor = "not_author";

    /// <summary>Editing or deleting a chat message after its window (docs/api.md: 15 minutes from sending).</summary>
    public const string EditWindowClosed = "edit_window_closed";

    /// <summary>Editing or deleting a chat message its sender already deleted.</summary>
    public const string MessageDeleted = "message_deleted";

    /// <summary>The code that goes with a bare status when nothing more specific was said.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => Unavailable,
        _ when status >= 500 => InternalError,
        _ => "error",
    };
}
