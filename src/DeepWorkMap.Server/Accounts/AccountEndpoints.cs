using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Notifications;
using DeepWorkMap.Server.Push;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Identity;
using System.Text.Json.Nodes;
using System.Text.Json;
using DeepWorkMap.Server.Identity;

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
        RegisterRequest? request, HttpContext http, IUserStore users, IPasswordHasher<UserAccount> hasher, DeviceSignIns signIns, AccountLinks links, Clock clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        var username = AccountRules.Username(request?.Username, errors);
        var displayName = AccountRules.DisplayName(request?.DisplayName, errors);
        var password = AccountRules.Password(request?.Password, errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);
        // Closed accounts show these; nobody may pass for one.
        if (ClosedAccount.IsPlaceholderEmail(email!)) return EmailTaken();
        if (ClosedAccount.IsPlaceholderUsername(username!)) return UsernameTaken();

        var now = clock.GetUtcNow();
        var account = new UserAccount(Guid.NewGuid(), email!, username!, displayName!, "", null, now, now);
        account = account with { PasswordHash = hasher.HashPassword(account, password!) };
        switch (await users.CreateAsync(account, cancellationToken))
        {
            case CreateUserOutcome.Created:
                await links.SendFirstVerificationAsync(account, cancellationToken);
                return TypedResults.Created("/api/me", await signIns.SignInAsync(account, http, request!.KeepSignedIn, cancellationToken));
            case CreateUserOutcome.EmailTaken:
                return EmailTaken();
            default:
                return UsernameTaken();
        }
    }

    private static ProblemHttpResult EmailTaken() => Refusal.EmailTaken.ToProblem();

    private static ProblemHttpResult UsernameTaken() => Refusal.UsernameTaken.ToProblem();

    private static async Task<Results<Ok<AuthResult>, ProblemHttpResult>> Login(
        LoginRequest? request, HttpContext http, IUserStore users, IPasswordHasher<UserAccount> hasher, DeviceSignIns signIns, LoginBackoff backoff,
        LoginDevices devices, AccountGuard accounts, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var login = AccountRules.Login(request?.Login, errors);
        if (string.IsNullOrEmpty(request?.Password)) errors["password"] = ["Password is required."];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var account = login!.Length <= 255 ? await users.FindByLoginAsync(login, cancellationToken) : null;
        var device = account is null ? null : await devices.ReadAsync(http.Request, account.Id);
        var attempt = LoginAttempt.Of(account, login, RateLimits.AddressOf(http), device);
        var check = await backoff.CheckAsync(attempt);
        if (check.Wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(check.Wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Refusal.RateLimited($"Too many failed logins for this account; try again in {seconds} s.").ToProblem();
        }
        if (account is null | !Verify(hasher, account, request!.Password!))
        {
            await backoff.FailedAsync(attempt, check);
            return Refusal.InvalidCredentials.ToProblem();
        }
        await backoff.SucceededAsync(attempt);
        // The right password, but a token would be refused on every call: say why instead of issuing it.
        if (!await accounts.IsOpenAsync(account!.Id))
            return Refusal.Suspended.ToProblem();
        devices.Issue(http, account.Id);
        return TypedResults.Ok(await signIns.SignInAsync(account, http, request.KeepSignedIn, cancellationToken));
    }

    /// <summary>
    /// Whether <paramref name="password"/> is the account's. Passwords are hashed NFKC-normalized; one chosen before
    /// that, typed in another form, is tried as typed too. With no account, a dummy hash is verified the same way,
    /// so the answer takes as long whether or not the user exists.
    /// </summary>
    internal static bool Verify(IPasswordHasher<UserAccount> hasher, UserAccount? account, string password)
    {
        var normalized = AccountRules.Normalized(password);
        string[] candidates = normalized == password ? [normalized] : [normalized, password];
        foreach (var candidate in candidates)
        {
            var verdict = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash.Value, candidate);
            if (account is not null && verdict != PasswordVerificationResult.Failed) return true;
        }
        return false;
    }

    /// <summary>
    /// Closes the caller's account, after checking the password: unfinished sessions it hosts end (their
    /// participants are told as for any end), its seats and places in line in other sessions free at once and its goals
    /// go, its personal data is erased and its browsers are pushed to no more, and its tokens stop working on every front door at once, hub connections
    /// included. Its messages stay, shown as from "Deleted user". Safe to
    /// retry: once the store has closed the account (its password erased with it), a token the account grain has
    /// not yet refused finishes the job without one.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAccount(
        HttpContext http, [FromBody] CloseAccountRequest? request, IUserStore users, IPasswordHasher<UserAccount> hasher, ISessionCatalog catalog,
        IGrainFactory grains, UserDirectory directory, IPushSubscriptionStore pushes, Clock clock, CancellationToken cancellationToken)
    {
        var account = await FindCaller(http, users, cancellationToken);
        if (account is null) return ApiProblem.Unauthorized("The account of this token no longer exists.");
        if (string.IsNullOrEmpty(request?.Password)) return ApiProblem.Validation("password", "Password is required.");
        if (account.ClosedAt is null && !Verify(hasher, account, request.Password))
            return Refusal.WrongPassword.ToProblem();

        var now = clock.GetUtcNow();
        foreach (var sessionId in await catalog.HostedByAsync(account.Id, unfinishedAt: now, cancellationToken))
            await grains.GetGrain<IStudySessionGrain>(sessionId).End(account.Id);
        // Its seats and places in line free at once, as leaves would, and its goals go.
        foreach (var sessionId in await catalog.MembershipsOfAsync(account.Id, cancellationToken))
            await grains.GetGrain<IStudySessionGrain>(sessionId).MemberAccountClosed(account.Id);
        await users.CloseAsync(account.Id, now, cancellationToken);
        await pushes.RemoveAllAsync(account.Id, cancellationToken);
        await grains.GetGrain<IAccountGrain>(account.Id).Close();
        directory.Forget(account.Id);
        return TypedResults.NoContent();
    }

    /// <summary>Everything held about the caller (GDPR art. 20): the account, the sessions it hosts with their venues, and its messages.</summary>
    private static async Task<Results<Ok<AccountExport>, ProblemHttpResult>> Export(
        HttpContext http, IUserStore users, ISessionCatalog catalog, IChatLog chat, IGrainFactory grains, SessionViews views, INotificationStore inbox,
        IFocusLog focus, Clock clock, CancellationToken cancellationToken)
    {
        var account = await FindCaller(http, users, cancellationToken);
        if (account is null) return ApiProblem.Unauthorized("The account of this token no longer exists.");
        var hosted = new List<SessionDto>();
        foreach (var sessionId in await catalog.HostedByAsync(account.Id, unfinishedAt: null, cancellationToken))
        {
            if (await grains.GetGrain<IStudySessionGrain>(sessionId).View(account.Id, null) is { } session)
                hosted.Add(await views.ToDtoAsync(session, Viewer.Member, cancellationToken));
        }
        var messages = await views.ToDtosAsync(await chat.ByAuthorAsync(account.Id, cancellationToken), cancellationToken);
        var user = grains.GetGrain<IUserGrain>(account.Id);
        return TypedResults.Ok(new AccountExport(account.ToMe(), hosted, messages, clock.GetUtcNow())
        {
            Preferences = PreferenceRules.ToDto(await user.Preferences()),
            Following = await user.Following(),
            SavedSessions = await user.Saved(),
            Notifications = (await inbox.PageAsync(account.Id, null, 1000, cancellationToken)).Select(NotificationDto.Of).ToList(),
            FocusTime = (await focus.SpansAsync([account.Id], null, null, cancellationToken))
                .Select(f => new FocusTimeDto(f.SessionId, f.StartedAt, f.EndedAt, f.TimeZone)).ToList(),
        });
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> GetMe(
        HttpContext http, IUserStore users, IGrainFactory grains, PublicLinks links, CancellationToken cancellationToken)
    {
        var account = await FindCaller(http, users, cancellationToken);
        if (account is null) return ApiProblem.Unauthorized("The account of this token no longer exists.");
        var feedToken = await grains.GetGrain<IUserGrain>(account.Id).CalendarFeedToken();
        return TypedResults.Ok(account.ToMe() with { CalendarFeedUrl = links.CalendarFeed(feedToken) });
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
        if (node.GetValueKind() != JsonValueKind.String) errors[field] = ["Must be a string."];
        else if (JsonText.TryRead(node.GetValue<JsonElement>(), out var text)) return text;
        else errors[field] = ["Must be a string of valid Unicode text."];
        return null;
    }

    internal static async Task<UserAccount?> FindCaller(HttpContext http, IUserStore users, CancellationToken cancellationToken) =>
        CurrentUser.IdOf(http.User) is { } id ? await users.FindByIdAsync(id, cancellationToken) : null;
}
