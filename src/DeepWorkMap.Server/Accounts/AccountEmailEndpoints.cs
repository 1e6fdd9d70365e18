using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
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
        auth.MapPost("/email-change/undo", UndoEmailChange).WithSummary("Take the account back to the address the mailed link reached, with a new password")
            .RequireRateLimiting(AccountEndpoints.LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    /// <summary>Confirms an address: the account's own (sign-up), or the new one it asked to change to (<see cref="EmailChanges"/>).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> VerifyEmail(
        VerifyEmailRequest? request, EmailVerification verification, CancellationToken cancellationToken) =>
        (await verification.VerifyAsync(request?.Token, cancellationToken)).OrNoContent();

    private static async Task<Results<Accepted, ProblemHttpResult>> ResendVerification(
        Caller caller, EmailVerification verification, CancellationToken cancellationToken) =>
        (await verification.ResendAsync(caller, cancellationToken)).OrAccepted();

    /// <summary>Answers 202 whether or not an account has the address, before anything is looked up (see <see cref="PasswordResetRequests"/>).</summary>
    private static Results<Accepted, ProblemHttpResult> RequestPasswordReset(PasswordResetRequest? request, PasswordResetRequests resets) =>
        resets.Request(request?.Email).OrAccepted();

    private static async Task<Results<NoContent, ProblemHttpResult>> ConfirmPasswordReset(
        PasswordResetConfirmRequest? request, HttpContext http, PasswordChanges passwords, CancellationToken cancellationToken) =>
        (await passwords.ResetAsync(request, RateLimits.AddressOf(http), cancellationToken)).OrNoContent();

    private static async Task<Results<NoContent, ProblemHttpResult>> UndoEmailChange(
        PasswordResetConfirmRequest? request, HttpContext http, EmailChangeUndo undo, CancellationToken cancellationToken) =>
        (await undo.UndoAsync(request, RateLimits.AddressOf(http), cancellationToken)).OrNoContent();

    /// <summary>A token as the links carry it (base64url, 43 characters); anything else names no token.</summary>
    internal static string? TokenOf(string? value) =>
        value is { Length: > 0 and <= 100 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? value : null;
}
