using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The "Email address and password reset" part of docs/api.md: the calls behind the mailed links.</summary>
public static class AccountEmailEndpoints
{
    public const string PasswordResetRateLimitPolicy = "password-reset";

    public static void MapAccountEmail(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Accounts");
        // Tokens are 256 random bits; the per-network login budget still keeps a guesser from hammering the database.
        auth.MapPost("/verify-email", VerifyEmail).WithSummary("Verify the email address with the mailed token").RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/verify-email/resend", ResendVerification).WithSummary("Mail a new verification link").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset", RequestPasswordReset).WithSummary("Mail a password reset link").RequireRateLimiting(PasswordResetRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset/confirm", ConfirmPasswordReset).WithSummary("Set a new password with the mailed token").RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Confirms an address: the account's own (sign-up), or the new one it asked to change to (<see cref="AccountChangeEndpoints"/>).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmail(
        VerifyEmailRequest? request, IAccountTokenStore tokens, IUserStore users, UserDirectory directory, Clock clock, CancellationToken cancellationToken)
    {
        if (TokenOf(request?.Token) is not { } token) return ApiProblem.Validation("token", AccountRules.LinkTokenRequired);
        var now = clock.GetUtcNow();
        var hash = AccountTokens.Hash(token);
        if (await tokens.UseAsync(hash, AccountTokens.ChangeEmail, now, cancellationToken) is { } change)
        {
            var outcome = await users.ChangeEmailAsync(change.UserId, change.Email, now, cancellationToken);
            directory.Forget(change.UserId);
            return outcome switch
            {
                EmailChangeOutcome.Changed => TypedResults.NoContent(),
                EmailChangeOutcome.EmailTaken => Refusal.EmailTaken.ToProblem(),
                _ => Refusal.InvalidLink.ToProblem(),
            };
        }
        var owner = await tokens.UseAsync(hash, AccountTokens.VerifyEmail, now, cancellationToken);
        // The address changed since the link was mailed, or the account closed: the link proves nothing any more.
        if (owner is null || !await users.MarkEmailVerifiedAsync(owner.UserId, owner.Email, now, cancellationToken)) return Refusal.InvalidLink.ToProblem();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification(
        Caller caller, IUserStore users, AccountLinks links, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return Refusal.AccountGone.ToProblem();
        if (account.EmailVerifiedAt is not null)
            return Refusal.AlreadyVerified.ToProblem();
        if (!await links.SendVerificationAsync(account, cancellationToken))
            return Refusal.RateLimited("Verification mails were sent to this account as often as they may be this hour; use the latest, or try later.").ToProblem();
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Answers 202 whether or not an account has the address, before anything is looked up (see <see cref="PasswordResetRequests"/>).</summary>
    private static Results<Accepted, ProblemHttpResult> RequestPasswordReset(PasswordResetRequest? request, PasswordResetRequests resets)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        resets.Enqueue(email!);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ConfirmPasswordReset(
        PasswordResetConfirmRequest? request, PasswordChanges passwords, CancellationToken cancellationToken) =>
        await passwords.ResetAsync(request, cancellationToken) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    /// <summary>A token as the links carry it (base64url, 43 characters); anything else names no token.</summary>
    internal static string? TokenOf(string? value) =>
        value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
}
