using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.SignalR;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Events meant for one user rather than for a session's subscribers, sent to that user's connections on this
/// front door, whatever they have open. Their account grain tells every front door holding such connections
/// (see AccountGuard), so the user hears it on all of them.
/// </summary>
public sealed partial class PersonalRelay(IHubContext<DeepWorkHub> hub, SessionViews views, ILogger<PersonalRelay> logger) : IPersonalDelivery
{
    public async Task PromotedFromWaitlistAsync(IReadOnlyList<string> connectionIds, SessionSnapshot session)
    {
        try
        {
            var shown = await views.ToDtoAsync(session, Viewer.Member);
            await hub.Clients.Clients(connectionIds).SendAsync(HubEvents.PromotedFromWaitlist, shown);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSendFailed(logger, session.Id, e);
        }
    }

    public async Task WaitlistPositionChangedAsync(IReadOnlyList<string> connectionIds, WaitlistPositionChangedEvent moved)
    {
        try
        {
            await hub.Clients.Clients(connectionIds).SendAsync(HubEvents.WaitlistPositionChanged, moved);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSendFailed(logger, moved.SessionId, e);
        }
    }

    public async Task NotificationAsync(IReadOnlyList<string> connectionIds, Notification notification)
    {
        try
        {
            await hub.Clients.Clients(connectionIds).SendAsync(HubEvents.Notification, NotificationDto.Of(notification));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotifyFailed(logger, notification.Kind, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passing a {Kind} notification to a user's connections failed; it is in their inbox")]
    private static partial void LogNotifyFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling a user of their seat in session {SessionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Guid sessionId, Exception exception);
}
