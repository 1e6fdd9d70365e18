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

    /// <summary>Login: a moderator suspended this account.</summary>
    public const string Suspended = "suspended";

    /// <summary>Only the configured moderators may do this.</summary>
    public const string NotModerator = "not_moderator";

    /// <summary>The session's host blocked this user; they cannot join the host's sessions.</summary>
    public const string Blocked = "blocked";

    /// <summary>The host removed this user from the session; they cannot join it again.</summary>
    public const string Removed = "removed";

    /// <summary>An invite code was asked of a public session, which has none.</summary>
    public const string NotPrivate = "not_private";

    /// <summary>A cap of the <c>Limits</c> section is reached (sessions hosted at once, hub connections).</summary>
    public const string LimitReached = "limit_reached";

    /// <summary>A create repeated with a different command for an id that exists; never reaches a client (ids are the server's).</summary>
    public const string AlreadyExists = "already_exists";

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
