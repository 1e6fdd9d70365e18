using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.AspNetCore.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// An owner asking, with their password, to change their address: the new address is mailed a link that makes it the
/// account's (as verified) once opened (<see cref="EmailVerification"/>), and the current address is told. Until the link
/// is opened nothing changes: sign-in, mail and verification stay with the old address.
/// </summary>
public sealed class EmailChanges(IUserStore users, IPasswordHasher<UserAccount> hasher, AccountLinks links, Clock clock)
{
    /// <summary>Null once the link is mailed, else why not.</summary>
    public async Task<Refusal?> RequestAsync(Caller caller, ChangeEmailRequest? request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var email = AccountRules.Email(request?.Email, errors);
        if (string.IsNullOrEmpty(request?.Password)) errors["password"] = ["Your password is required."];
        if (errors.Count > 0) return Refusal.Validation(errors);
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { ClosedAt: null } account) return Refusal.AccountGone;
        if (!PasswordCheck.Verify(hasher, account, request!.Password!)) return Refusal.WrongPassword;
        if (string.Equals(email, account.Email, StringComparison.OrdinalIgnoreCase)) return Refusal.Validation("email", "This is already your address.");
        // As at sign-up: an address another account has, a closed one had, or one left lately (held for it) is taken.
        if (ClosedAccount.IsPlaceholderEmail(email!) || !await users.IsEmailFreeForAsync(account.Id, email!, clock.GetUtcNow(), cancellationToken))
            return Refusal.EmailTaken;
        if (!await links.SendEmailChangeAsync(account, email!, cancellationToken))
            return Refusal.RateLimited("Address changes were asked for as often as they may be this hour; use the latest link, or try later.");
        return null;
    }
}
