using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// Following users, to hear when they host near one's home area. Only a user the caller may see can be followed: not one
/// that blocks the caller or that the caller blocks (not found, as for a closed account).
/// </summary>
public sealed class Follows(IGrainFactory grains, AccountGuard guard, UserDirectory users)
{
    /// <summary>
    /// Null once the caller follows (or no longer follows) <paramref name="otherId"/>. A block ends follows once both
    /// accounts know of it, so the check is made again after the write: a block that lands in between is caught by one
    /// or the other.
    /// </summary>
    public async Task<Refusal?> SetAsync(Caller me, Guid otherId, bool following)
    {
        if (otherId == me.Id) return Refusal.Validation("id", "You cannot follow yourself.");
        var user = grains.GetGrain<IUserGrain>(me.Id);
        if (!following)
        {
            await user.SetFollowing(otherId, false);
            return null;
        }
        if (!await guard.ShowsAsync(me.Id, otherId)) return Refusal.NotFound("The user");
        await user.SetFollowing(otherId, true);
        if (await guard.ShowsAsync(me.Id, otherId)) return null;
        await user.SetFollowing(otherId, false);
        return Refusal.NotFound("The user");
    }

    /// <summary>Whom the caller follows, in the order followed, by their current names.</summary>
    public async Task<IReadOnlyList<UserDto>> FollowingAsync(Caller me) =>
        await users.FindInOrderAsync(await grains.GetGrain<IUserGrain>(me.Id).Following());
}
