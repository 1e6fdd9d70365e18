namespace DeepWorkMap.Server.Identity;

/// <summary>
/// The signed-in caller, bound as an endpoint parameter: the one place a route learns who calls it. Behind
/// <c>RequireAuthorization</c> the token is already checked, so a handler taking a <see cref="Caller"/> never checks for
/// a missing user again; a token without a user id is refused here, 401 <c>unauthorized</c> as before.
/// </summary>
public sealed record Caller(Guid Id)
{
    public static ValueTask<Caller?> BindAsync(HttpContext http) =>
        CurrentUser.IdOf(http.User) is { } id
            ? ValueTask.FromResult<Caller?>(new Caller(id))
            : throw new BadHttpRequestException(Http.Refusal.MissingToken.Message, StatusCodes.Status401Unauthorized);
}
