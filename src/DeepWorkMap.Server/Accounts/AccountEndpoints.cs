using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Contracts.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Text.Json.Nodes;
using System.Text.Json;
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
        await login.LoginAsync(request, http, cancellationToken) switch
        {
            (_, { } refusal) => refusal.ToProblem(),
            (var signedIn, _) => TypedResults.Ok(signedIn!),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAccount(
        Caller caller, [FromBody] CloseAccountRequest? request, AccountClosing closing, CancellationToken cancellationToken) =>
        await closing.CloseAsync(caller, request?.Password, cancellationToken) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    private static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> Export(
        Caller caller, AccountDataExport export, CancellationToken cancellationToken) =>
        await export.ExportAsync(caller, cancellationToken) switch
        {
            (_, { } refusal) => refusal.ToProblem(),
            (var everything, _) => TypedResults.Ok(everything!),
        };

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetMe(
        Caller caller, IUserStore users, IGrainFactory grains, PublicLinks links, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return Refusal.AccountGone.ToProblem();
        var feedToken = await grains.GetGrain<IUserGrain>(account.Id).CalendarFeedToken();
        return TypedResults.Ok(account.ToMe() with { CalendarFeedUrl = links.CalendarFeed(feedToken) });
    }

    /// <summary>
    /// PATCH semantics: a field left out stays as it is; <c>avatarUrl: null</c> removes the avatar.
    /// The body is read as a JSON object because a typed record cannot tell "absent" from "null".
    /// </summary>
    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> PatchMe(
        Caller caller, JsonObject? body, IUserStore users, UserDirectory directory, Clock clock, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return Refusal.AccountGone.ToProblem();
        if (body is null) return ApiProblem.Validation("body", "A JSON object is required.");

        var errors = new Dictionary<string, string[]>();
        var displayName = account.DisplayName;
        var avatarUrl = account.AvatarUrl;
        if (body.TryGetPropertyValue("displayName", out var nameNode))
        {
            displayName = AccountRules.DisplayName(StringOrNull(nameNode, "displayName", errors), errors) ?? displayName;
        }
        if (body.TryGetPropertyValue("avatarUrl", out var avatarNode))
        {
            avatarUrl = StringOrNull(avatarNode, "avatarUrl", errors);
            AccountRules.AvatarUrl(avatarUrl, errors);
        }
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var updated = await users.UpdateProfileAsync(account.Id, displayName, avatarUrl, clock.GetUtcNow(), cancellationToken);
        directory.Forget(account.Id);
        return updated is null ? Refusal.AccountGone.ToProblem() : TypedResults.Ok(updated.ToMe());
    }

    private static string? StringOrNull(JsonNode? node, string field, Dictionary<string, string[]> errors)
    {
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String) errors[field] = ["Must be a string."];
        else if (JsonText.TryRead(node.GetValue<JsonElement>(), out var text)) return text;
        else errors[field] = ["Must be a string of valid Unicode text."];
        return null;
    }

}
