using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The "Change password and email" part of docs/api.md: both need the current password.</summary>
public static class AccountChangeEndpoints
{
    public static void MapAccountChanges(this IEndpointRouteBuilder routes)
    {
        // Both check a password: the per-network login budget keeps a stolen access token from guessing it at speed.
        var me = routes.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization().RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapPost("/password", ChangePassword).WithSummary("Change the password (signs every other device out)");
        me.MapPost("/email", ChangeEmail).WithSummary("Change the email address, to be verified again").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>
    /// Sets a new password under the sign-up rules and signs out every other device (refresh tokens, access tokens and hub
    /// connections, on every front door); this device stays signed in. A pending address change is cancelled, and the owner told.
    /// </summary>
    private static async Task<Results<Ok<SignedOutDto>, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest? request, Caller caller, HttpContext http, PasswordChanges passwords, CancellationToken cancellationToken) =>
        (await passwords.ChangeAsync(caller, request, TokenIssuer.DeviceOf(http.User), cancellationToken)).OrOk();

    /// <summary>Mails the new address a link that makes it the account's once opened (<see cref="EmailChanges"/>).</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> ChangeEmail(
        ChangeEmailRequest? request, Caller caller, EmailChanges changes, CancellationToken cancellationToken) =>
        (await changes.RequestAsync(caller, request, cancellationToken)).OrAccepted();
}
