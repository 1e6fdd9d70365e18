using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// What a session endpoint needs besides its input, bound per request with <c>[AsParameters]</c>: the grains, the views,
/// and the request's cancellation. A command's outcome becomes the session as its caller now sees it, or the refusal.
/// The services are marked <c>[FromServices]</c>: without it the request delegate generator cannot tell them from a JSON
/// body at build time, and an endpoint taking this type and no body of its own got a required accepts-JSON constraint,
/// so a request without a JSON content type matched no endpoint (404).
/// </summary>
public sealed class SessionApi([FromServices] SessionGrains grains, [FromServices] SessionViews views, CancellationToken cancellation)
{
    public SessionGrains Grains { get; } = grains;

    public SessionViews Views { get; } = views;

    public CancellationToken Cancellation { get; } = cancellation;

    public IStudySessionGrain Session(Guid id) => Grains.Get(id);

    public async Task<Results<Ok<SessionDto>, ProblemHttpResult>> Answer(Task<SessionOutcome> command)
    {
        var outcome = await command;
        return outcome.Error is { } error
            ? Refusal.ForSessionError(error).ToProblem()
            : TypedResults.Ok(await Views.ToDtoAsync(outcome.Session!, Viewer.Member, Cancellation));
    }
}
