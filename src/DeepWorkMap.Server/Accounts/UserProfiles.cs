using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Another user as a signed-in viewer sees them: their name, attendance record, followers, and whether the viewer follows them.</summary>
public sealed class UserProfiles(AccountGuard guard, UserDirectory users, IAttendanceStore attendance, IFollowStore follows, IGrainFactory grains)
{
    public async Task<(ProfileDto? Profile, Refusal? Refusal)> ShowAsync(Caller viewer, Guid id, CancellationToken cancellationToken)
    {
        // A closed or suspended account is not shown, nor one that never existed, nor one that blocks the viewer or that the viewer blocks.
        if (!await guard.ShowsAsync(viewer.Id, id)) return (null, Refusal.NotFound("The user"));
        var user = await users.FindAsync(id, cancellationToken);
        var record = await attendance.OfAsync(id, cancellationToken);
        var following = (await grains.GetGrain<IUserGrain>(viewer.Id).Following()).Contains(id);
        return (new ProfileDto(user.Id, user.Username, user.DisplayName, user.AvatarUrl, record.Attended, record.NoShows)
        {
            FollowerCount = await follows.FollowerCountAsync(id, cancellationToken),
            Following = following,
        }, null);
    }
}
