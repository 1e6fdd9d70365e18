using System.Text.Json.Nodes;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Web;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The caller's own account as <c>/api/me</c> shows it (with its secret calendar feed address), and its profile edits.</summary>
public sealed class OwnAccount(IUserStore users, IGrainFactory grains, PublicLinks links, UserDirectory directory, Clock clock)
{
    public async Task<(MeDto? Me, Refusal? Refusal)> ReadAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return (null, Refusal.AccountGone);
        var feedToken = await grains.GetGrain<IUserGrain>(account.Id).CalendarFeedToken();
        return (account.ToMe() with { CalendarFeedUrl = links.CalendarFeed(feedToken) }, null);
    }

    /// <summary>Changes the display name or avatar as <see cref="ProfilePatch"/> reads <paramref name="body"/>; others see the change at once.</summary>
    public async Task<(MeDto? Me, Refusal? Refusal)> EditAsync(Caller caller, JsonObject? body, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return (null, Refusal.AccountGone);
        if (body is null) return (null, Refusal.Validation("body", "A JSON object is required."));
        var errors = new Dictionary<string, string[]>();
        var (displayName, avatarUrl) = ProfilePatch.Apply(body, account.DisplayName, account.AvatarUrl, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));

        var updated = await users.UpdateProfileAsync(account.Id, displayName, avatarUrl, clock.GetUtcNow(), cancellationToken);
        directory.Forget(account.Id);
        return updated is null ? (null, Refusal.AccountGone) : (updated.ToMe(), null);
    }
}
