using DeepWorkMap.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// Why a request was refused, said once and shown two ways: as a REST problem, or as a hub error whose
/// message starts with the code (docs/api.md: <c>not_participant: …</c>). Every refusal of the API, REST and hub, is
/// one of these: the table below pairs each code of <see cref="ErrorCodes"/> with its status.
/// </summary>
public sealed record Refusal(int Status, string Code, string Message, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>RFC 7807, with docs/api.md's machine-readable <c>code</c> (and the fields at fault for a 400).</summary>
    public ProblemHttpResult ToProblem()
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (Errors is not null) extensions["errors"] = Errors;
        return TypedResults.Problem(statusCode: Status, title: Message, extensions: extensions);
    }

    public HubException ToHubException()
    {
        var details = Errors is null ? "" : " " + string.Join(" ", Errors.SelectMany(e => e.Value));
        return new HubException($"{Code}: {Message}{details}");
    }

    public static Refusal Validation(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    /// <summary>Bad input where no single field is at fault (a hub argument of the wrong type): the message says what.</summary>
    public static Refusal Invalid(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, message);

    public static Refusal Validation(string field, string message) => Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Refusal RateLimited(string message = "Too many requests; slow down and try again later.") =>
        new(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, message);

    public static Refusal Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message);

    public static readonly Refusal MissingToken = Unauthorized("A valid bearer token is required.");

    /// <summary>A valid token whose account is no longer in the store.</summary>
    public static readonly Refusal AccountGone = Unauthorized("The account of this token no longer exists.");

    /// <summary>A valid token whose account is closed (or suspended): a hub connection it opens is refused.</summary>
    public static readonly Refusal AccountClosed = Unauthorized("The account of this token is closed.");

    public static Refusal NotFound(string what = "The resource") => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");

    /// <summary>A cap on what one account holds at once (sessions hosted, joins, hub connections); the message names the cap and what frees a place.</summary>
    public static Refusal LimitReached(string message) => new(StatusCodes.Status409Conflict, ErrorCodes.LimitReached, message);

    /// <summary>Something that did not finish in time or could not be reached; the caller may try again.</summary>
    public static Refusal Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, message);

    /// <summary>This server has no VAPID keys configured (a cluster without <c>Push:VapidPublicKey</c>): it pushes nothing.</summary>
    public static readonly Refusal PushOff = Unavailable("This server does not offer push notifications.");

    public static readonly Refusal NotModerator = new(StatusCodes.Status403Forbidden, ErrorCodes.NotModerator, "Only moderators can do this.");

    public static readonly Refusal StatsHidden = new(StatusCodes.Status403Forbidden, ErrorCodes.StatsHidden, "This user keeps their focus stats to themselves.");

    public static readonly Refusal EmailTaken = new(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "That email is already registered.");

    public static readonly Refusal UsernameTaken = new(StatusCodes.Status409Conflict, ErrorCodes.UsernameTaken, "That username is taken.");

    public static readonly Refusal AlreadyVerified = new(StatusCodes.Status409Conflict, ErrorCodes.AlreadyVerified, "This address is already verified.");

    /// <summary>Login: the login or the password is wrong (which one is not said).</summary>
    public static readonly Refusal InvalidCredentials = new(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Wrong login or password.");

    /// <summary>A signed-in caller confirming an act (closing the account) with a wrong password: it stays signed in.</summary>
    public static readonly Refusal WrongPassword = new(StatusCodes.Status403Forbidden, ErrorCodes.InvalidCredentials, "Wrong password.");

    /// <summary>Hosting and following need a verified address while <c>Email:RequireVerification</c> is on.</summary>
    public static readonly Refusal EmailUnverified = new(StatusCodes.Status403Forbidden, ErrorCodes.EmailUnverified,
        "Verify your email address first: open the link we mailed you, or ask for a new one.");

    /// <summary>A mailed link (verification, reset, address change) that is unknown, used or expired.</summary>
    public static readonly Refusal InvalidLink = new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidToken,
        "This link is unknown, used or expired; ask for a new one.");

    /// <summary>An unsubscribe link from a mail that does not check out.</summary>
    public static readonly Refusal InvalidUnsubscribeLink = new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidToken,
        "This unsubscribe link is not valid; change which mails you get in your notification preferences.");

    /// <summary>A refresh token that no longer signs this device in.</summary>
    public static readonly Refusal SignedOut = new(StatusCodes.Status401Unauthorized, ErrorCodes.SignedOut,
        "This device was signed out, or its sign-in expired; sign in again.");

    public static readonly Refusal Suspended = new(StatusCodes.Status403Forbidden, ErrorCodes.Suspended, "This account is suspended.");

    /// <summary>An edit or delete of a chat message: not found is the session's or the message's (not told apart).</summary>
    public static Refusal ForMessageError(string code) =>
        code == ErrorCodes.NotFound ? NotFound("The session or message") : ForSessionError(code);

    /// <summary>The refusal that goes with a session grain's error code.</summary>
    public static Refusal ForSessionError(string code) => code switch
    {
        ErrorCodes.NotFound => new(StatusCodes.Status404NotFound, code, "The session was not found."),
        ErrorCodes.SessionFull => new(StatusCodes.Status409Conflict, code, "The session is full."),
        ErrorCodes.SessionFinished => new(StatusCodes.Status409Conflict, code, "The session has finished."),
        ErrorCodes.HostCannotLeave => new(StatusCodes.Status409Conflict, code, "The host cannot leave; end the session instead."),
        ErrorCodes.NotHost => new(StatusCodes.Status403Forbidden, code, "Only the session's host can do this."),
        ErrorCodes.Blocked => new(StatusCodes.Status409Conflict, code, "The host of this session has blocked you."),
        ErrorCodes.Removed => new(StatusCodes.Status409Conflict, code, "The host removed you from this session."),
        ErrorCodes.NotPrivate => new(StatusCodes.Status409Conflict, code, "This session is public: it has no invite code."),
        ErrorCodes.NotParticipant => new(StatusCodes.Status403Forbidden, code, "Only the session's participants can do this."),
        ErrorCodes.SessionCancelled => new(StatusCodes.Status409Conflict, code, "The host cancelled this session."),
        ErrorCodes.SessionStarted => new(StatusCodes.Status409Conflict, code, "The session has started: its time and place can no longer change, and it can no longer be cancelled (end it instead)."),
        ErrorCodes.VersionConflict => new(StatusCodes.Status409Conflict, code, "The session changed since you read it; read it again and retry."),
        ErrorCodes.CapacityBelowParticipants => new(StatusCodes.Status409Conflict, code, "Capacity cannot go below the participants already in."),
        ErrorCodes.SeatsAvailable => new(StatusCodes.Status409Conflict, code, "A seat is free: join instead of waiting."),
        ErrorCodes.WaitlistFull => new(StatusCodes.Status409Conflict, code, "The waitlist is full."),
        ErrorCodes.AlreadyParticipant => new(StatusCodes.Status409Conflict, code, "You already have a seat in this session."),
        ErrorCodes.CheckInNotOpen => new(StatusCodes.Status409Conflict, code, "Check-in opens 10 minutes before the start."),
        ErrorCodes.TimerNotRunning => new(StatusCodes.Status409Conflict, code, "The timer is not running: there is none, it has not started, or it is done."),
        ErrorCodes.AttendanceTooLow => new(StatusCodes.Status409Conflict, code, "The host asks for a higher attendance rate than your record shows."),
        ErrorCodes.LimitReached => new(StatusCodes.Status409Conflict, code, "You already hold a seat or a place in line in as many sessions to come as you may; leave one first."),
        ErrorCodes.NotAuthor => new(StatusCodes.Status403Forbidden, code, "Only the message's sender can edit or delete it."),
        ErrorCodes.EditWindowClosed => new(StatusCodes.Status409Conflict, code, "A message can be edited or deleted only in the 15 minutes after it was sent."),
        ErrorCodes.MessageDeleted => new(StatusCodes.Status409Conflict, code, "The message is deleted."),
        _ => new(StatusCodes.Status409Conflict, code, "The session refused the request."),
    };
}
