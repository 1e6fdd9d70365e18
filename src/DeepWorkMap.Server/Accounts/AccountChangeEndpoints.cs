using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
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
        await passwords.ChangeAsync(caller, request, TokenIssuer.DeviceOf(http.User), cancellationToken) switch
        {
            (_, { } refusal) => refusal.ToProblem(),
            (var signedOut, _) => TypedResults.Ok(signedOut!),
        };

    /// <summary>
    /// Mails the new address a link that makes it the account's (as verified) once opened, and tells the current address.
    /// Until the link is opened nothing changes: sign-in, mail and verification stay with the old address.
    /// </summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> ChangeEmail(
        ChangeEmailRequest? request, Caller caller, IUserStore users, IPasswordHasher<UserAccount> hasher, AccountLinks links,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        if (string.IsNullOrEmpty(request?.Password)) errors["password"] = ["Your password is required."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { ClosedAt: null } account) return Refusal.AccountGone.ToProblem();
        if (!PasswordCheck.Verify(hasher, account, request!.Password!)) return Refusal.WrongPassword.ToProblem();
        if (string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase))
            return ApiProblem.Validation("email", "This is already your address.");
        // As at sign-up: an address another account has (or a closed one had) is taken.
        if (ClosedAccount.IsPlaceholderEmail(email!) || await users.FindByLoginAsync(email!, cancellationToken) is not null)
            return Refusal.EmailTaken.ToProblem();
        if (!await links.SendEmailChangeAsync(account, email!, cancellationToken))
            return Refusal.RateLimited("Address changes were asked for as often as they may be this hour; use the latest link, or try later.").ToProblem();
        return TypedResults.Accepted((string?)null);
    }
}
