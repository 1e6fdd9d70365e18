using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// <c>/hubs/deepwork</c>, docs/api.md's real-time hub. It holds no session truth: calls go to grains, and
/// events come from the relays. Errors are <see cref="HubException"/>s whose message starts with the code (SignalR puts
/// its own words before it on the way to the client: docs/api.md).
/// Only signed-in users connect (the endpoint requires authorization; see RealtimeSetup). The user of a
/// connection never changes, so no per-call check is repeated on top.
/// </summary>
public sealed class DeepWorkHub(
    SessionRelay sessions,
    AreaRelay areas,
    SessionChat chat,
    ReadMarkers markers,
    SessionViews views,
    NearbySearch nearby,
    ViewPages pages,
    HubConnectionCloser closer,
    HubConnectionQuota quota,
    MapWatchLimit mapWatches,
    AccountGuard accounts,
    SessionGrains sessionGrains) : Hub
{
    public const string Path = "/hubs/deepwork";

    /// <summary>Set on a connection once it hears the events meant for its user (see <see cref="Ready"/>).</summary>
    private const string Registered = "registered";

    /// <summary>The connection's user id, boxed once (see <see cref="UserId"/>).</summary>
    private const string UserIdItem = "userId";

    public async Task<SubscribeResult> SubscribeSession(JsonElement sessionId)
    {
        var id = HubArguments.Id(sessionId, nameof(sessionId));
        var feed = await sessions.SubscribeAsync(Context.ConnectionId, UserId, id);
        if (feed.Error is { } error) throw Refusal.ForSessionError(error).ToHubException();
        var shown = feed.RecentMessages.Where(m => !accounts.Hides(UserId, m.UserId)).ToList();
        // Who takes part, as a participant sees them (presence, goals): read once subscribed, so that what changes after it
        // is pushed. A page that joined held the list as an outsider sees it, without presence, and would show everyone away.
        var participants = await sessionGrains.Get(id).ParticipantsFor(UserId) ?? [];
        var seen = participants.Select(p => accounts.Hides(UserId, p.UserId) ? SessionViews.AsHidden(p) : p).ToList();
        return new SubscribeResult(await views.ToDtoAsync(feed.Session!, Viewer.Member), await views.ToDtosAsync(shown))
        {
            Participants = await views.ToDtosAsync(seen),
            ServerTime = DateTimeOffset.UtcNow,
        };
    }

    public Task UnsubscribeSession(JsonElement sessionId)
    {
        sessions.Unsubscribe(Context.ConnectionId, HubArguments.Id(sessionId, nameof(sessionId)));
        return Task.CompletedTask;
    }

    /// <summary>The client says this connection is active or away (its tab hidden a while) in a session it holds.</summary>
    public Task SetPresence(JsonElement sessionId, JsonElement state)
    {
        var id = HubArguments.Id(sessionId, nameof(sessionId));
        var reported = HubArguments.Text(state, nameof(state));
        if (reported is null || !PresenceStates.Reported.Contains(reported))
            throw Refusal.Validation(new Dictionary<string, string[]> { ["state"] = ["State must be active or away."] }).ToHubException();
        if (!sessions.SetPresence(Context.ConnectionId, id, reported == PresenceStates.Away))
            throw Refusal.ForSessionError(ErrorCodes.NotParticipant).ToHubException();
        return Task.CompletedTask;
    }

    public async Task<MessageDto> SendMessage(JsonElement sessionId, JsonElement content)
    {
        var (message, refusal) = await chat.SendAsync(HubArguments.Id(sessionId, nameof(sessionId)), UserId, HubArguments.Text(content, nameof(content)));
        if (refusal is not null) throw refusal.ToHubException();
        return message!;
    }

    public async Task<MessageDto> EditMessage(JsonElement sessionId, JsonElement seq, JsonElement content)
    {
        var (message, refusal) = await chat.EditAsync(
            HubArguments.Id(sessionId, nameof(sessionId)), UserId, HubArguments.WholeNumber(seq, nameof(seq)), HubArguments.Text(content, nameof(content)));
        if (refusal is not null) throw refusal.ToHubException();
        return message!;
    }

    public async Task DeleteMessage(JsonElement sessionId, JsonElement seq)
    {
        var (_, refusal) = await chat.DeleteAsync(HubArguments.Id(sessionId, nameof(sessionId)), UserId, HubArguments.WholeNumber(seq, nameof(seq)));
        if (refusal is not null) throw refusal.ToHubException();
    }

    public async Task SetReadMarker(JsonElement sessionId, JsonElement seq)
    {
        if (await markers.MarkAsync(HubArguments.Id(sessionId, nameof(sessionId)), UserId, HubArguments.WholeNumber(seq, nameof(seq))) is { } refusal)
            throw refusal.ToHubException();
    }

    public async Task<ItemsDto<SessionDto>> WatchArea(JsonElement latitude, JsonElement longitude, JsonElement radius)
    {
        var (lat, lng, radiusKm) = (HubArguments.Number(latitude, "lat"), HubArguments.Number(longitude, "lng"), HubArguments.Number(radius, "radiusKm"));
        var errors = new Dictionary<string, string[]>();
        var query = NearbyRules.Validate(lat, lng, radiusKm, errors);
        if (query is null) throw Refusal.Validation(errors).ToHubException();
        mapWatches.Take(Context.ConnectionId);
        // Watch first, then search: a change made in between is pushed rather than lost.
        await areas.WatchAsync(Context.ConnectionId, lat, lng, radiusKm);
        return new ItemsDto<SessionDto>(await views.ToDtosAsync(await nearby.SearchAsync(query), Viewer.Member));
    }

    /// <summary>
    /// Watches the map's view: answers it as GET /api/sessions/in-view does (the first 200), then pushes sessionChanged and
    /// sessionRemoved for the sessions in it, or viewChanged while it is shown as clusters.
    /// </summary>
    public async Task<ViewPage> WatchView(JsonElement bbox, JsonElement zoom)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ViewRules.Validate(HubArguments.Text(bbox, "bbox"), HubArguments.Number(zoom, "zoom"), errors);
        if (query is null) throw Refusal.Validation(errors).ToHubException();
        mapWatches.Take(Context.ConnectionId);
        // Watch first, then answer: a change made in between is pushed rather than lost. Whether the view shows
        // clusters is known from the answer; until then its changes go out as sessions.
        await areas.WatchViewAsync(Context.ConnectionId, query);
        var page = await pages.AnswerAsync(query, Viewer.Member);
        if (page.Clusters is not null) areas.ShowsClusters(Context.ConnectionId, query);
        return page;
    }

    /// <summary>
    /// Answers once this connection hears the events meant for its user alone (<c>notification</c>,
    /// <c>promotedFromWaitlist</c>). A connection registers with its user's account while it opens, and SignalR tells the
    /// client it is connected before that is done; but it answers no call before OnConnectedAsync has returned, so the
    /// answer to this one means the registration is done. A client calls it after each connect, then reads its inbox
    /// for what came before.
    /// </summary>
    public Task Ready() => Context.Items.ContainsKey(Registered)
        ? Task.CompletedTask
        : throw Refusal.Unavailable("The connection is not registered yet; try again.").ToHubException();

    public Task UnwatchArea()
    {
        areas.Forget(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override async Task OnConnectedAsync()
    {
        // Before any call of the connection is dispatched, so the calls only read it.
        Context.Items[UserIdItem] = UserIdOfToken;
        if (!quota.TryOpen(UserId, Context.ConnectionId))
            throw Refusal.LimitReached("This account holds as many live connections as it may; close one first.").ToHubException();
        closer.Opened(Context);
        bool accepted;
        try
        {
            accepted = await accounts.WatchAsync(UserId, Context);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            // The cluster did not answer (a silo handing its grains over, a timeout). Thrown from here, SignalR would close
            // the connection telling the client not to reconnect; closed with the hint, it comes back by itself.
            closer.CloseToRetry(Context, e);
            return;
        }
        if (!accepted) throw Refusal.AccountClosed.ToHubException();
        Context.Items[Registered] = true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        quota.Close(Context.ConnectionId);
        accounts.Forget(UserId, Context);
        closer.Closed(Context);
        sessions.Forget(Context.ConnectionId);
        areas.Forget(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The connection's user. Read from the token's claims once, as the connection opens, and kept with it: a search of the
    /// claims on every call was an allocation per chat message.
    /// </summary>
    private Guid UserId => Context.Items.TryGetValue(UserIdItem, out var known) && known is Guid id ? id : UserIdOfToken;

    private Guid UserIdOfToken => CurrentUser.IdOf(Context.User!) ?? throw Refusal.MissingToken.ToHubException();
}
