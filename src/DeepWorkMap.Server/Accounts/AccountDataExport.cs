using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Notifications;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Everything held about the caller (GDPR art. 20): the account, the sessions it hosts with their venues, its messages,
/// preferences, follows, saved sessions, notifications and focus time.
/// </summary>
public sealed class AccountDataExport(
    IUserStore users, ISessionCatalog catalog, IGrainFactory grains, SessionViews views, IChatLog chat,
    INotificationStore inbox, IFocusLog focus, Clock clock)
{
    public async Task<(AccountExport? Export, Refusal? Refusal)> ExportAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(caller.Id, cancellationToken) is not { } account) return (null, Refusal.AccountGone);
        var hosted = new List<SessionDto>();
        foreach (var sessionId in await catalog.HostedByAsync(account.Id, unfinishedAt: null, cancellationToken))
        {
            if (await grains.GetGrain<IStudySessionGrain>(sessionId).View(account.Id, null) is { } session)
                hosted.Add(await views.ToDtoAsync(session, Viewer.Member, cancellationToken));
        }
        var messages = await views.ToDtosAsync(await chat.ByAuthorAsync(account.Id, cancellationToken), cancellationToken);
        var user = grains.GetGrain<IUserGrain>(account.Id);
        return (new AccountExport(account.ToMe(), hosted, messages, clock.GetUtcNow())
        {
            Preferences = PreferenceRules.ToDto(await user.Preferences()),
            Following = await user.Following(),
            SavedSessions = await user.Saved(),
            Notifications = (await inbox.PageAsync(account.Id, null, 1000, cancellationToken)).Select(NotificationDto.Of).ToList(),
            FocusTime = (await focus.SpansAsync([account.Id], null, null, cancellationToken))
                .Select(f => new FocusTimeDto(f.SessionId, f.StartedAt, f.EndedAt, f.TimeZone)).ToList(),
        }, null);
    }
}
