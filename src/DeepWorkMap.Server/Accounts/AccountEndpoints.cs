using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Contracts.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Nodes;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The "Accounts" part of docs/api.md: register, login, and the caller's own profile.</summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";
    public const string SignupRateLimitPolicy = "signup";

    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).WithSummary("Create an account").RequireRateLimiting(SignupRateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", Login).WithSummary("Sign in").RequireRateLimiting(LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var me = routes.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("", GetMe).WithSummary("The caller's own account");
        me.MapPatch("", PatchMe).WithSummary("Change the display name or avatar").ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapDelete("", CloseAccount).WithSummary("Close the account").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapGet("/export", Export).WithSummary("Everything the account holds, as JSON");
        routes.MapAccountEmail();
        routes.MapDevices();
        routes.MapAccountChanges();
        routes.MapBlocks();
        routes.MapProfiles();
    }

    private static async Task<Results<Created<AuthResult>, ProblemHttpResult>> Register(
        RegisterRequest? request, HttpContext http, AccountRegistration registration, CancellationToken cancellationToken) =>
        await registration.RegisterAsync(request, http, cancellationToken) switch
        {
            (_, { } refusal) => refusal.ToProblem(),
            (var signedIn, _) => TypedResults.Created("/api/me", signedIn!),
        };

    private static async Task<Results<Ok<AuthResult>, ProblemHttpResult>> Login(
        LoginRequest? request, HttpContext http, PasswordLogin login, CancellationToken cancellationToken) =>
        (await login.LoginAsync(request, http, cancellationToken)).OrOk();

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAccount(
        Caller caller, [FromBody] CloseAccountRequest? request, AccountClosing closing, CancellationToken cancellationToken) =>
        (await closing.CloseAsync(caller, request?.Password, cancellationToken)).OrNoContent();

    private static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> Export(
        Caller caller, AccountDataExport export, CancellationToken cancellationToken) =>
        (await export.ExportAsync(caller, cancellationToken)).OrOk();

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetMe(Caller caller, OwnAccount own, CancellationToken cancellationToken) =>
        (await own.ReadAsync(caller, cancellationToken)).OrOk();

    /// <summary>PATCH semantics (<see cref="ProfilePatch"/>): a field left out stays as it is; <c>avatarUrl: null</c> removes the avatar.</summary>
    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> PatchMe(Caller caller, JsonObject? body, OwnAccount own, CancellationToken cancellationToken) =>
        (await own.EditAsync(caller, body, cancellationToken)).OrOk();
}
