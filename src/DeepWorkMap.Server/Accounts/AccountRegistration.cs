using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.AspNetCore.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Creating an account: validate, keep closed accounts' placeholders out of reach, store it, send the first verification
/// mail, and sign this device in. The endpoint only maps the outcome.
/// </summary>
public sealed class AccountRegistration(IUserStore users, IPasswordHasher<UserAccount> hasher, DeviceSignIns signIns, AccountLinks links, Clock clock)
{
    /// <summary>The new account's first sign-in, or why not.</summary>
    public async Task<(AuthResult? SignedIn, Refusal? Refusal)> RegisterAsync(RegisterRequest? request, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        var username = AccountRules.Username(request?.Username, errors);
        var displayName = AccountRules.DisplayName(request?.DisplayName, errors);
        var password = AccountRules.Password(request?.Password, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));
        // Closed accounts show these; nobody may pass for one.
        if (ClosedAccount.IsPlaceholderEmail(email!)) return (null, Refusal.EmailTaken);
        if (ClosedAccount.IsPlaceholderUsername(username!)) return (null, Refusal.UsernameTaken);

        var now = clock.GetUtcNow();
        var account = new UserAccount(Guid.NewGuid(), email!, username!, displayName!, "", null, now, now);
        account = account with { PasswordHash = hasher.HashPassword(account, password!) };
        switch (await users.CreateAsync(account, cancellationToken))
        {
            case CreateUserOutcome.Created:
                await links.SendFirstVerificationAsync(account, cancellationToken);
                return (await signIns.SignInAsync(account, http, request!.KeepSignedIn, cancellationToken), null);
            case CreateUserOutcome.EmailTaken:
                return (null, Refusal.EmailTaken);
            default:
                return (null, Refusal.UsernameTaken);
        }
    }
}
