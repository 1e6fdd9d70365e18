using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The "Devices" part of docs/api.md: refreshing a device's tokens, listing the caller's devices, signing them out.</summary>
public static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder routes)
    {
        // Refresh tokens are 256 random bits; the per-network login budget still keeps a guesser from hammering the database.
        routes.MapPost("/api/auth/refresh", Refresh).WithSummary("Trade a refresh token for new tokens").WithTags("Accounts").RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var devices = routes.MapGroup("/api/me/devices").WithTags("Accounts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        devices.MapGet("", List).WithSummary("The devices signed in to the account");
        devices.MapDelete("/{id:guid}", SignOutOne).WithSummary("Sign one device out").ProducesProblem(StatusCodes.Status404NotFound);
        devices.MapPost("/sign-out-others", (HttpContext http, Caller caller, DeviceSignIns signIns, CancellationToken cancellationToken) =>
            SignOutAll(http, caller, signIns, keepThisDevice: true, cancellationToken))
            .WithSummary("Sign every other device out");
        devices.MapPost("/sign-out-all", (HttpContext http, Caller caller, DeviceSignIns signIns, CancellationToken cancellationToken) =>
            SignOutAll(http, caller, signIns, keepThisDevice: false, cancellationToken))
            .WithSummary("Sign every device out, this one too");
    }

    private static async Task<Results<Ok<AuthResult>, ProblemHttpResult>> Refresh(
        RefreshRequest? request, HttpContext http, DeviceSignIns signIns, IUserStore users, AccountGuard accounts, CancellationToken cancellationToken)
    {
        if (request?.RefreshToken is not { Length: > 0 and <= 100 } token) return ApiProblem.Validation("refreshToken", "The refresh token is required.");
        // A token still to be used: its account is looked at before it is used, so a check that fails on the way (the
        // database or the cluster busy, 503) leaves it as it was, to send again, where failing after its use signed the
        // device out. Any other (unknown, expired, used: reuse signs its device out) goes straight to the store's answer.
        if (await signIns.OwnerOfAsync(token, cancellationToken) is not { } owner)
        {
            await signIns.RefreshAsync(token, http, cancellationToken);
            return Refusal.SignedOut.ToProblem();
        }
        var account = await users.FindByIdAsync(owner, cancellationToken);
        if (account is null || account.ClosedAt is not null) return Refusal.SignedOut.ToProblem();
        // As at login: the token would be refused on every call, so say why instead of issuing it.
        if (!await accounts.IsOpenAsync(account.Id))
            return Refusal.Suspended.ToProblem();
        if (await signIns.RefreshAsync(token, http, cancellationToken) is not { } refreshed) return Refusal.SignedOut.ToProblem();
        return TypedResults.Ok(signIns.Issue(account, refreshed));
    }

    private static async Task<Ok<List<DeviceDto>>> List(HttpContext http, Caller caller, DeviceSignIns signIns, CancellationToken cancellationToken)
    {
        var current = TokenIssuer.DeviceOf(http.User);
        var live = await signIns.LiveAsync(caller.Id, cancellationToken);
        return TypedResults.Ok(live
            .Select(d => new DeviceDto(d.Id, d.CreatedAt, d.LastUsedAt, d.Network, d.UserAgent, d.KeepSignedIn, d.Id == current))
            .ToList());
    }

    /// <summary>Another account's device, or one already signed out, is not found: the caller learns nothing of ids not theirs.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> SignOutOne(Guid id, Caller caller, DeviceSignIns signIns, CancellationToken cancellationToken)
    {
        var signedOut = await signIns.SignOutAsync(caller.Id, [id], except: null, cancellationToken);
        return signedOut.Count == 0 ? ApiProblem.NotFound("The device") : TypedResults.NoContent();
    }

    private static async Task<Ok<SignedOutDto>> SignOutAll(HttpContext http, Caller caller, DeviceSignIns signIns, bool keepThisDevice, CancellationToken cancellationToken)
    {
        var except = keepThisDevice ? TokenIssuer.DeviceOf(http.User) : null;
        var signedOut = await signIns.SignOutAsync(caller.Id, deviceIds: null, except, cancellationToken);
        return TypedResults.Ok(new SignedOutDto(signedOut.Count));
    }
}
