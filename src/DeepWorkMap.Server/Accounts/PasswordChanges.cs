using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.AspNetCore.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Setting a new password, by its owner (with the current one) or through a mailed reset link: under the sign-up rules,
/// signing devices out, cancelling a pending address change, and telling the owner. The endpoints only map the outcome.
/// </summary>
public sealed class PasswordChanges(
    IUserStore users, IPasswordHasher<UserAccount> hasher, IAccountTokenStore tokens, DeviceSignIns signIns, IGrainFactory grains,
    LoginBackoff backoff, Mailer mailer, AccountMails mails, Clock clock)
{
    /// <summary>
    /// The owner's change: every other device is signed out (refresh tokens, access tokens and hub connections, on every
    /// front door); <paramref name="thisDevice"/> stays signed in. Answers how many devices were signed out, or why not.
    /// </summary>
    public async Task<(SignedOutDto? SignedOut, Refusal? Refusal)> ChangeAsync(
        Caller caller, ChangePasswordRequest? request, Guid? thisDevice, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request?.CurrentPassword)) errors["currentPassword"] = ["Your current password is required."];
        var password = AccountRules.Password(request?.NewPassword, errors);
        if (errors.Remove("password", out var passwordErrors)) errors["newPassword"] = passwordErrors;
        if (errors.Count > 0) return (null, Refusal.Validation(errors));
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { ClosedAt: null } account) return (null, Refusal.AccountGone);
        if (!PasswordCheck.Verify(hasher, account, request!.CurrentPassword!)) return (null, Refusal.WrongPassword);

        var now = clock.GetUtcNow();
        var updated = await users.SetPasswordAsync(account.Id, hasher.HashPassword(account, password!), now, refuseOlderTokens: false, cancellationToken);
        if (updated is null) return (null, Refusal.AccountGone);
        var signedOut = await signIns.SignOutAsync(account.Id, deviceIds: null, except: thisDevice, cancellationToken);
        await tokens.CancelAsync(account.Id, AccountTokens.ChangeEmail, now, cancellationToken);
        // A reset link asked for before would set a password over the one just chosen: it stops working, as after a reset.
        await tokens.CancelAsync(account.Id, AccountTokens.PasswordReset, now, cancellationToken);
        await mailer.SendAsync(mails.PasswordChangedByOwner(updated), cancellationToken);
        return (new SignedOutDto(signedOut.Count), null);
    }

    /// <summary>
    /// The reset through a mailed link: every device is signed out, and the address the link reached counts as verified.
    /// Null once done, else why not.
    /// </summary>
    public async Task<Refusal?> ResetAsync(PasswordResetConfirmRequest? request, string network, CancellationToken cancellationToken)
    {
        if (ReadLinkAndPassword(request, out var token, out var password) is { } refused) return refused;
        var owner = await tokens.UseAsync(AccountTokens.Hash(token), AccountTokens.PasswordReset, clock.GetUtcNow(), cancellationToken);
        var account = owner is null ? null : await users.FindByIdAsync(owner.UserId, cancellationToken);
        if (owner is null || account is null || !string.Equals(account.Email, owner.Email, StringComparison.OrdinalIgnoreCase)) return Refusal.InvalidLink;

        return await TakeBackAsync(account, password, owner.Email, network, mails.PasswordChanged, cancellationToken) ? null : Refusal.InvalidLink;
    }

    /// <summary>
    /// A mailed link's token and the new password, checked before the token is used up, so a refused password leaves the
    /// link working. Null when both are fit, else why not.
    /// </summary>
    internal static Refusal? ReadLinkAndPassword(PasswordResetConfirmRequest? request, out string token, out string password)
    {
        var errors = new Dictionary<string, string[]>();
        token = AccountEmailEndpoints.TokenOf(request?.Token) ?? "";
        if (token.Length == 0) errors["token"] = [AccountRules.LinkTokenRequired];
        password = AccountRules.Password(request?.Password, errors) ?? "";
        return errors.Count > 0 ? Refusal.Validation(errors) : null;
    }

    /// <summary>
    /// The owner proved <paramref name="provenEmail"/>, the account's address, with a mailed link (a reset, or the way back
    /// from an address change): the password is set, every device is signed out, the address counts as verified, pending
    /// address changes and reset links stop working, the owner is told, and the calendar feed moves. The link counts as a
    /// successful login from <paramref name="network"/>: failed logins from there no longer make the owner wait. False when
    /// the account is gone.
    /// </summary>
    internal async Task<bool> TakeBackAsync(
        UserAccount account, string password, string provenEmail, string network, Func<UserAccount, OutgoingMail> mail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await users.SetPasswordAsync(account.Id, hasher.HashPassword(account, password), now, refuseOlderTokens: true, cancellationToken);
        if (updated is null) return false;
        // Every device's refresh token goes with the access tokens, and so does an address change someone else may have asked for.
        await signIns.SignOutAsync(account.Id, deviceIds: null, except: null, cancellationToken);
        await tokens.CancelAsync(account.Id, AccountTokens.ChangeEmail, now, cancellationToken);
        await tokens.CancelAsync(account.Id, AccountTokens.PasswordReset, now, cancellationToken);
        await grains.GetGrain<IAccountGrain>(account.Id).SignOutEverywhere();
        // The link reached the address's owner: that proves the address as a verification link would.
        await users.MarkEmailVerifiedAsync(account.Id, provenEmail, now, cancellationToken);
        await backoff.SucceededAsync(LoginAttempt.Of(updated, updated.Username, network, device: null));
        await mailer.SendAsync(mail(updated), cancellationToken);
        // Last, once the owner is told: the feed's address is a key too, and shows where the owner will be; whoever had
        // the account may have copied it.
        await grains.GetGrain<IUserGrain>(account.Id).RotateCalendarFeed();
        return true;
    }
}
