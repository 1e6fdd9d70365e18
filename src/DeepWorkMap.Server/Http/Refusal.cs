using DeepWorkMap.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// Why a request was refused, said once and shown two ways: as a REST problem, or as a hub error whose
/// message starts with the code (docs/api.md: <c>not_participant: …</c>).
/// </summary>
public sealed record Refusal(int Status, string Code, string Message, IDictionary<string, string[]>? Errors = null)
{
    public ProblemHttpResult ToProblem() => ApiProblem.Of(Status, Code, Message, Errors);

    public HubException ToHubException()
    {
        var details = Errors is null ? "" : " " + string.Join(" ", Errors.SelectMany(e => e.Value));
        return new HubException($"{Code}: {Message}{details}");
    }

    public static Refusal Validation(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    public static Refusal RateLimited(string message) => new(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, message);

    public static Refusal Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message);

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
        _ => new(StatusCodes.Status409Conflict, code, "The session refused the request."),
    };
}
