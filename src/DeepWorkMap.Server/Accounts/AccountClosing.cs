using DeepWorkMap.Grains;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Push;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Closing an account, after checking its password: unfinished sessions it hosts end (their participants are told as for
/// any end), its seats and places in line in other sessions free at once and its goals go, its personal data is erased
/// and its browsers are pushed to no more, and its tokens stop working on every front door at once, hub connections
/// included. Its messages stay, shown as from "Deleted user".
/// </summary>
public sealed class AccountClosing(
    IUserStore users, IPasswordHasher<UserAccount> hasher, ISessionCatalog catalog, IGrainFactory grains,
    UserDirectory directory, IPushSubscriptionStore pushes, Clock clock)
{
    /// <summary>
    /// Null once the account is closed. Safe to retry: once the store has closed the account (its password erased with
    /// it), a token the account grain has not yet refused finishes the job without one.
    /// </summary>
    public async Task<Refusal?> CloseAsync(Caller caller, string? password, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return Refusal.AccountGone;
        if (string.IsNullOrEmpty(password)) return Refusal.Validation("password", AccountRules.PasswordRequired);
        if (account.ClosedAt is null && !PasswordCheck.Verify(hasher, account, password)) return Refusal.WrongPassword;

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
        return null;
    }
}
