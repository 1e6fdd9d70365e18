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
    Mailer mailer, AccountMails mails, Clock clock)
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
    public async Task<Refusal?> ResetAsync(PasswordResetConfirmRequest? request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var token = AccountEmailEndpoints.TokenOf(request?.Token);
        if (token is null) errors["token"] = [AccountRules.LinkTokenRequired];
        // The password is checked before the token is used up, so a refused password leaves the link working.
        var password = AccountRules.Password(request?.Password, errors);
        if (errors.Count > 0) return Refusal.Validation(errors);

        var now = clock.GetUtcNow();
        var owner = await tokens.UseAsync(AccountTokens.Hash(token!), AccountTokens.PasswordReset, now, cancellationToken);
        var account = owner is null ? null : await users.FindByIdAsync(owner.UserId, cancellationToken);
        if (owner is null || account is null || !string.Equals(account.Email, owner.Email, StringComparison.OrdinalIgnoreCase)) return Refusal.InvalidLink;

        var updated = await users.SetPasswordAsync(account.Id, hasher.HashPassword(account, password!), now, refuseOlderTokens: true, cancellationToken);
        if (updated is null) return Refusal.InvalidLink;
        // Every device's refresh token goes with the access tokens, and so does an address change someone else may have asked for.
        await signIns.SignOutAsync(account.Id, deviceIds: null, except: null, cancellationToken);
        await tokens.CancelAsync(account.Id, AccountTokens.ChangeEmail, now, cancellationToken);
        await grains.GetGrain<IAccountGrain>(account.Id).SignOutEverywhere();
        // The link reached the address's owner: that proves the address as a verification link would.
        await users.MarkEmailVerifiedAsync(account.Id, owner.Email, now, cancellationToken);
        await mailer.SendAsync(mails.PasswordChanged(updated), cancellationToken);
        // Last, once the owner is told: the feed's address is a key too, and shows where the owner will be; whoever had
        // the account may have copied it.
        await grains.GetGrain<IUserGrain>(account.Id).RotateCalendarFeed();
        return null;
    }
}
