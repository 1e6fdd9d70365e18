using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The way back from an address change. Whoever has the password can move the account to an address of theirs and then
/// reset the password through it; the owner would be left with a mailbox that no longer opens anything. So once a change
/// is confirmed, the address it left is held for the account (nobody else may take it) and mailed a link that puts it
/// back with a new password and signs every device out, for <see cref="AccountTokens.UndoEmailChangeLifetime"/>.
/// Only the first address of a run of changes gets the link: a second change made while it is open mails the address it
/// left a notice, so whoever made the changes never holds a way back of their own that could close the owner's.
/// </summary>
public sealed class EmailChangeUndo(
    IAccountTokenStore tokens, IUserStore users, UserDirectory directory, PasswordChanges passwords, Mailer mailer, AccountMails mails, Clock clock)
{
    /// <summary>When an address is held, from <paramref name="now"/>: as long as the way back is open.</summary>
    public static DateTimeOffset HoldUntil(DateTimeOffset now) => now + AccountTokens.UndoEmailChangeLifetime;

    /// <summary>After <paramref name="before"/> (the account as it was) moved to <paramref name="newEmail"/>: mails the address it left.</summary>
    public async Task OfferAsync(UserAccount before, string newEmail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (await tokens.HasUnusedAsync(before.Id, AccountTokens.UndoEmailChange, now, cancellationToken))
        {
            await mailer.SendAsync(mails.EmailChangedAgain(before, newEmail), cancellationToken);
            return;
        }
        var (token, hash) = AccountTokens.New();
        await tokens.AddAsync(hash, before.Id, AccountTokens.UndoEmailChange, before.Email, now, HoldUntil(now), cancellationToken);
        await mailer.SendAsync(mails.EmailChanged(before, newEmail, token), cancellationToken);
    }

    /// <summary>Puts the address the link was mailed to back, with the new password; null once done, else why not.</summary>
    public async Task<Refusal?> UndoAsync(PasswordResetConfirmRequest? request, string network, CancellationToken cancellationToken)
    {
        if (PasswordChanges.ReadLinkAndPassword(request, out var token, out var password) is { } refused) return refused;
        var now = clock.GetUtcNow();
        if (await tokens.UseAsync(AccountTokens.Hash(token), AccountTokens.UndoEmailChange, now, cancellationToken) is not { } owner) return Refusal.InvalidLink;
        if (await users.FindByIdAsync(owner.UserId, cancellationToken) is not { ClosedAt: null } account) return Refusal.InvalidLink;
        switch (await users.ChangeEmailAsync(account.Id, owner.Email, now, HoldUntil(now), cancellationToken))
        {
            case EmailChangeOutcome.NoAccount: return Refusal.InvalidLink;
            // Held for this account since it left, so only a closed account's retirement of it could be in the way.
            case EmailChangeOutcome.EmailTaken: return Refusal.EmailTaken;
        }
        directory.Forget(account.Id);
        return await passwords.TakeBackAsync(account with { Email = owner.Email }, password, owner.Email, network, mails.EmailChangeUndone, cancellationToken)
            ? null : Refusal.InvalidLink;
    }
}
