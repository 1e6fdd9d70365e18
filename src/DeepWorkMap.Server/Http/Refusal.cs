using DeepWorkMap.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// Why a request was refused, said once and shown two ways: as a REST problem, or as a hub error whose
/// message starts with the code (API.md: <c>not_participant: …</c>).
/// </summary>
public sealed record Refusal(int Status, string Code, string Message, IDictionary<string, string[]>? Errors = null)
{
    public IResult ToProblem() => ApiProblem.Of(Status, Code, Message, Errors);

    public HubException ToHubException()
    {
        var details = Errors is null ? "" : " " + string.Join(" ", Errors.SelectMany(e => e.Value));
        return new HubException($"{Code}: {Message}{details}");
    }

    public static Refusal Validation(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    public static Refusal RateLimited(string message) => new(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, message);

    /// <summary>The refusal that goes with a session grain's error code.</summary>
    public static Refusal ForSessionError(string code) => code switch
    {
        SessionErrors.NotFound => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The session was not found."),
        SessionErrors.SessionFull => new(StatusCodes.Status409Conflict, code, "The session is full."),
        SessionErrors.SessionFinished => new(StatusCodes.Status409Conflict, code, "The session has finished."),
        SessionErrors.HostCannotLeave => new(StatusCodes.Status409Conflict, code, "The host cannot leave; end the session instead."),
        SessionErrors.NotHost => new(StatusCodes.Status403Forbidden, code, "Only the host can end the session."),
        SessionErrors.NotParticipant => new(StatusCodes.Status403Forbidden, code, "Only the session's participants can read or write its chat."),
        _ => new(StatusCodes.Status409Conflict, code, "The session refused the request."),
    };
}
