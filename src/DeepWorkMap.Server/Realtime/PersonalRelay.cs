using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Events meant for one user rather than for a session's subscribers, sent to that user's connections on this
/// front door, whatever they have open. Their account grain tells every front door holding such connections
/// (see AccountGuard), so the user hears it on all of them.
/// </summary>
public sealed partial class PersonalRelay(IHubContext<DeepWorkHub> hub, SessionViews views, ILogger<PersonalRelay> logger)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling a user of their seat in session {SessionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Guid sessionId, Exception exception);
}
