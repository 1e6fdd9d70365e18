using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Opening a mailed verification link: it confirms the account's own address (sign-up), or makes the new address it asked
/// to change to (<see cref="EmailChanges"/>) the account's, as verified, and offers the address it left the way back
/// (<see cref="EmailChangeUndo"/>).
/// </summary>
public sealed class EmailVerification(
    IAccountTokenStore tokens, IUserStore users, UserDirectory directory, AccountLinks links, EmailChangeUndo undo, Clock clock)
{
    /// <summary>Null once the address is confirmed, else why not.</summary>
    public async Task<Refusal?> VerifyAsync(string? linkToken, CancellationToken cancellationToken)
    {
        if (AccountEmailEndpoints.TokenOf(linkToken) is not { } token) return Refusal.Validation("token", AccountRules.LinkTokenRequired);
        var now = clock.GetUtcNow();
        var hash = AccountTokens.Hash(token);
        if (await tokens.UseAsync(hash, AccountTokens.ChangeEmail, now, cancellationToken) is { } change)
        {
            if (await users.FindByIdAsync(change.UserId, cancellationToken) is not { ClosedAt: null } before) return Refusal.InvalidLink;
            var hold = EmailChangeUndo.Offered(before) ? EmailChangeUndo.HoldUntil(now) : (DateTimeOffset?)null;
            var outcome = await users.ChangeEmailAsync(change.UserId, change.Email, now, hold, cancellationToken);
            directory.Forget(change.UserId);
            switch (outcome)
            {
                case EmailChangeOutcome.EmailTaken: return Refusal.EmailTaken;
                case EmailChangeOutcome.NoAccount: return Refusal.InvalidLink;
            }
            await undo.OfferAsync(before, change.Email, cancellationToken);
            return null;
        }
        var owner = await tokens.UseAsync(hash, AccountTokens.VerifyEmail, now, cancellationToken);
        // The address changed since the link was mailed, or the account closed: the link proves nothing any more.
        if (owner is null || !await users.MarkEmailVerifiedAsync(owner.UserId, owner.Email, now, cancellationToken)) return Refusal.InvalidLink;
        return null;
    }

    /// <summary>Mails the caller a new verification link; null once it is on its way, else why not.</summary>
    public async Task<Refusal?> ResendAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return Refusal.AccountGone;
        if (account.EmailVerifiedAt is not null) return Refusal.AlreadyVerified;
        if (!await links.SendVerificationAsync(account, cancellationToken))
            return Refusal.RateLimited("Verification mails were sent to this account as often as they may be this hour; use the latest, or try later.");
        return null;
    }
}
