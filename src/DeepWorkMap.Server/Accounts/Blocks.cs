using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Blocking another user, and whom the caller blocks. Only an open account can be blocked; the block reaches this front
/// door's guard at once, so the two stop seeing each other here without waiting for the account grains' news.
/// </summary>
public sealed class Blocks(IGrainFactory grains, AccountGuard guard, UserDirectory users)
{
    /// <summary>Null once the caller blocks (or no longer blocks) <paramref name="otherId"/>.</summary>
    public async Task<Refusal?> SetAsync(Caller caller, Guid otherId, bool block)
    {
        if (otherId == caller.Id) return Refusal.Validation("id", "You cannot block yourself.");
        if (block && !await guard.IsOpenAsync(otherId)) return Refusal.NotFound("The user");
        var account = grains.GetGrain<IAccountGrain>(caller.Id);
        await (block ? account.Block(otherId) : account.Unblock(otherId));
        await guard.RefreshAsync(caller.Id, otherId);
        return null;
    }

    /// <summary>The users the caller blocks, as their account grain lists them, by their current names.</summary>
    public async Task<IReadOnlyList<UserDto>> ListAsync(Caller caller) =>
        await users.FindInOrderAsync(await grains.GetGrain<IAccountGrain>(caller.Id).Blocks());
}
