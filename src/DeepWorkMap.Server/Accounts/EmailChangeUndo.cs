using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The way back from an address change. Whoever has the password can move the account to an address of theirs and then
/// reset the password through it; the owner would be left with a mailbox that no longer opens anything. So once a change
/// is confirmed, a verified address it left is held for the account (nobody else may take it) and mailed a link that
/// puts it back with a new password and signs every device out, for <see cref="AccountTokens.UndoEmailChangeLifetime"/>.
/// <list type="bullet">
/// <item>Only a verified address: an address nobody proved may be a stranger's (a typo at sign-up, since corrected), and
/// the link would hand them the account.</item>
/// <item>Every address left gets its link, and the oldest wins: using one ends only the links issued after it
/// (<see cref="IAccountTokenStore.UseKeepingEarlierAsync"/>). So an owner who moved lately still gets back whatever
/// address a thief moved them from, and the thief's own link, always later, cannot close the owner's.</item>
/// </list>
/// </summary>
public sealed class EmailChangeUndo(
    IAccountTokenStore tokens, IUserStore users, UserDirectory directory, PasswordChanges passwords, Mailer mailer, AccountMails mails, Clock clock)
{
    /// <summary>When an address is held, from <paramref name="now"/>: as long as the way back is open.</summary>
    public static DateTimeOffset HoldUntil(DateTimeOffset now) => now + AccountTokens.UndoEmailChangeLifetime;

    /// <summary>Whether the address <paramref name="before"/> (the account as it was) leaves is held and offered the way back.</summary>
    public static bool Offered(UserAccount before) => before.EmailVerifiedAt is not null;

    /// <summary>After <paramref name="before"/> (the account as it was) moved to <paramref name="newEmail"/>: mails a verified address it left.</summary>
    public async Task OfferAsync(UserAccount before, string newEmail, CancellationToken cancellationToken)
    {
        if (!Offered(before)) return;
        var now = clock.GetUtcNow();
        var (token, hash) = AccountTokens.New();
        await tokens.AddAsync(hash, before.Id, AccountTokens.UndoEmailChange, before.Email, now, HoldUntil(now), cancellationToken);
        await mailer.SendAsync(mails.EmailChanged(before, newEmail, token), cancellationToken);
    }

    /// <summary>Puts the address the link was mailed to back, with the new password; null once done, else why not.</summary>
    public async Task<Refusal?> UndoAsync(PasswordResetConfirmRequest? request, string network, CancellationToken cancellationToken)
    {
        if (PasswordChanges.ReadLinkAndPassword(request, out var token, out var password) is { } refused) return refused;
        var now = clock.GetUtcNow();
        if (await tokens.UseKeepingEarlierAsync(AccountTokens.Hash(token), AccountTokens.UndoEmailChange, now, cancellationToken) is not { } owner)
            return Refusal.InvalidLink;
        if (await users.FindByIdAsync(owner.UserId, cancellationToken) is not { ClosedAt: null } account) return Refusal.InvalidLink;
        // Nothing is held for the address the account leaves now: it was the taker's.
        switch (await users.ChangeEmailAsync(account.Id, owner.Email, now, holdLeftUntil: null, cancellationToken))
        {
            case EmailChangeOutcome.NoAccount: return Refusal.InvalidLink;
            // Held for this account since it left, so only a silo of the release before holds (a rolling upgrade) could
            // have let another account take it meanwhile.
            case EmailChangeOutcome.EmailTaken: return Refusal.EmailTaken;
        }
        directory.Forget(account.Id);
        return await passwords.TakeBackAsync(account with { Email = owner.Email }, password, owner.Email, network, mails.EmailChangeUndone, cancellationToken)
            ? null : Refusal.InvalidLink;
    }
}
