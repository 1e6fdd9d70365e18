using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using System.Text.Json.Nodes;
using System.Text.Json;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The "Accounts" part of docs/api.md: register, login, and the caller's own profile.</summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";
    public const string SignupRateLimitPolicy = "signup";

    // Verified against when the login names nobody, so an unknown user costs as much as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password"));

    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).RequireRateLimiting(SignupRateLimitPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        auth.MapPost("/login", Login).RequireRateLimiting(LoginRateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var me = routes.MapGroup("/api/me").WithTags("Accounts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("", GetMe);
        me.MapPatch("", PatchMe).ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Created<AuthResult>, ProblemHttpResult>> Register(RegisterRequest? request, IUserStore users, IPasswordHasher<UserAccount> hasher, TokenIssuer tokens, Clock clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        var username = AccountRules.Username(request?.Username, errors);
        var displayName = AccountRules.DisplayName(request?.DisplayName, errors);
        var password = AccountRules.Password(request?.Password, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var now = clock.GetUtcNow();
        var account = new UserAccount(Guid.NewGuid(), email!, username!, displayName!, "", null, now, now);
        account = account with { PasswordHash = hasher.HashPassword(account, password!) };
        return await users.CreateAsync(account, cancellationToken) switch
        {
            CreateUserOutcome.Created => TypedResults.Created("/api/me", tokens.Issue(account)),
            CreateUserOutcome.EmailTaken => ApiProblem.Of(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken, "That email is already registered."),
            _ => ApiProblem.Of(StatusCodes.Status409Conflict, ErrorCodes.UsernameTaken, "That username is taken."),
        };
    }

    private static async Task<Results<Ok<AuthResult>, ProblemHttpResult>> Login(LoginRequest? request, IUserStore users, IPasswordHasher<UserAccount> hasher, TokenIssuer tokens, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Login)) errors["login"] = ["Login (email or username) is required."];
        if (string.IsNullOrEmpty(request?.Password)) errors["password"] = ["Password is required."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var login = request!.Login!.Trim();
        if (!throttle.TryAcquire(login))
            return ApiProblem.Of(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many login attempts for this account; wait a minute.");

        var account = login.Length <= 255 ? await users.FindByLoginAsync(login, cancellationToken) : null;
        // Passwords are hashed NFKC-normalized; one chosen before that, typed in another form, is tried as typed too
        // (for unknown users as well, so the answer takes as long either way).
        var normalized = AccountRules.Normalized(request.Password!);
        string[] candidates = normalized == request.Password ? [normalized] : [normalized, request.Password!];
        var verdict = PasswordVerificationResult.Failed;
        foreach (var candidate in candidates)
        {
            verdict = account is null
                ? Fail(hasher.VerifyHashedPassword(null!, DummyHash.Value, candidate))
                : hasher.VerifyHashedPassword(account, account.PasswordHash, candidate);
            if (verdict != PasswordVerificationResult.Failed) break;
        }
        if (account is null || verdict == PasswordVerificationResult.Failed)
            return ApiProblem.Of(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, "Wrong login or password.");
        return TypedResults.Ok(tokens.Issue(account));

        static PasswordVerificationResult Fail(PasswordVerificationResult _) => PasswordVerificationResult.Failed;
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetMe(HttpContext http, IUserStore users, CancellationToken cancellationToken)
    {
        var account = await FindCaller(http, users, cancellationToken);
        return account is null ? ApiProblem.Unauthorized("The account of this token no longer exists.") : TypedResults.Ok(account.ToMe());
    }

    /// <summary>
    /// PATCH semantics: a field left out stays as it is; <c>avatarUrl: null</c> removes the avatar.
    /// The body is read as a JSON object because a typed record cannot tell "absent" from "null".
    /// </summary>
    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> PatchMe(
        HttpContext http, JsonObject? body, IUserStore users, UserDirectory directory, Clock clock, CancellationToken cancellationToken)
    {
        var account = await FindCaller(http, users, cancellationToken);
        if (account is null) return ApiProblem.Unauthorized("The account of this token no longer exists.");
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
        return updated is null ? ApiProblem.Unauthorized("The account of this token no longer exists.") : TypedResults.Ok(updated.ToMe());
    }

    private static string? StringOrNull(JsonNode? node, string field, Dictionary<string, string[]> errors)
    {
        if (node is null) return null;
        if (node.GetValueKind() == JsonValueKind.String) return node.GetValue<string>();
        errors[field] = ["Must be a string."];
        return null;
    }

    private static async Task<UserAccount?> FindCaller(HttpContext http, IUserStore users, CancellationToken cancellationToken) =>
        CurrentUser.IdOf(http.User) is { } id ? await users.FindByIdAsync(id, cancellationToken) : null;
}
