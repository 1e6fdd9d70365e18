using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Chat;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.SignalR;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// This front door's ear on the sessions its clients opened. It registers one observer with each such
/// session grain (and only those), relays what the grain pushes to the subscribed SignalR connections,
/// and lets go of a session when its last connection leaves. Orleans carries the events between silos,
/// so a client here hears what a grain on any silo accepted; no SignalR backplane is involved.
/// </summary>
public sealed partial class SessionRelay(
    IGrainFactory grains,
    SessionGrains sessionGrains,
    IHubContext<DeepWorkHub> hub,
    SessionViews views,
    UserDirectory users,
    AccountGuard accounts,
    Clock clock,
    ILogger<SessionRelay> logger) : ISessionObserver, ILocalChatRelay
{
    /// <summary>
    /// How long a gap left by a message relayed from its send's answer may stand before it is filled from the session.
    /// Answers to sends that raced each other arrive in any order, the earlier message a moment behind as a rule; filling
    /// at once would cost a grain call for a message already on its way.
    /// </summary>
    public static readonly TimeSpan AnswerGapGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a new subscriber's catch-up may wait for the session, holding the session's later sends here.</summary>
    private static readonly TimeSpan CatchUpPatience = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LiveSession> _sessions = [];
    private readonly Dictionary<string, HashSet<Guid>> _byConnection = [];
    private ISessionObserver? _reference;

    /// <summary>
    /// The reference grains call back on; made once, and this singleton keeps it alive. Read before the initializer, whose
    /// delegate was otherwise made on every read (every chat send and renewal passes the reference).
    /// </summary>
    private ISessionObserver Reference =>
        Volatile.Read(ref _reference) ?? LazyInitializer.EnsureInitialized(ref _reference, () => grains.CreateObjectReference<ISessionObserver>(this));

    public ISessionObserver Observer => Reference;

    public int WatchedSessions { get { lock (_gate) return _sessions.Count; } }

    /// <summary>How often a subscription is asked again when its user's leaves keep crossing the session's answer.</summary>
    private const int SubscribeAttempts = 3;

    /// <summary>
    /// Subscribes the connection, once the session says its user takes part. A leave whose push arrives while the answer is
    /// on its way would miss the connection and leave it hearing the chat and the venue unseen; so such an answer is not
    /// trusted, and the session is asked again. The session stays held here (joining) across the attempts, so no attempt's
    /// end lets it go while the next one's registration is on its way.
    /// </summary>
    public async Task<SessionFeed> SubscribeAsync(string connectionId, Guid userId, Guid sessionId)
    {
        LiveSession live;
        lock (_gate)
        {
            live = _sessions.TryGetValue(sessionId, out var known) ? known : Start(sessionId);
            live.BeginJoin();
        }
        SessionFeed feed;
        for (var attempt = 1; ; attempt++)
        {
            var leaves = live.LeavesOf(userId);
            try
            {
                feed = await Grain(sessionId).Subscribe(userId, Reference);
            }
            catch
            {
                live.AbandonJoin();
                StopIfIdle(live);
                throw;
            }
            if (feed.Error is null)
            {
                live.LastSeen ??= feed.Session! with { Mine = null, InviteCode = null };
                if (live.Join(connectionId, userId, feed.RecentMessages, leaves)) break;
            }
            if (feed.Error is not null || attempt == SubscribeAttempts)
            {
                live.AbandonJoin();
                StopIfIdle(live);
                return feed.Error is not null ? feed : SessionFeed.Fail(ErrorCodes.NotParticipant);
            }
        }
        lock (_gate)
        {
            if (!_byConnection.TryGetValue(connectionId, out var sessions)) _byConnection[connectionId] = sessions = [];
            sessions.Add(sessionId);
        }
        ReportPresence(live);
        return feed;
    }

    public void Unsubscribe(string connectionId, Guid sessionId)
    {
        LiveSession? live;
        lock (_gate)
        {
            if (!_sessions.TryGetValue(sessionId, out live)) return;
            live.Remove(connectionId);
            live.Queue(() => hub.Groups.RemoveFromGroupAsync(connectionId, live.Group));
            if (_byConnection.TryGetValue(connectionId, out var sessions) && sessions.Remove(sessionId) && sessions.Count == 0)
                _byConnection.Remove(connectionId);
        }
        live.Flush();
        ReportPresence(live);
        StopIfIdle(live);
    }

    /// <summary>A client says one of its connections is active or away; false when that connection does not hold the session.</summary>
    public bool SetPresence(string connectionId, Guid sessionId, bool away)
    {
        if (Find(sessionId) is not { } live || !live.SetAway(connectionId, away)) return false;
        ReportPresence(live);
        return true;
    }

    public void Forget(string connectionId)
    {
        Guid[] sessions;
        lock (_gate) sessions = _byConnection.TryGetValue(connectionId, out var known) ? [.. known] : [];
        foreach (var sessionId in sessions) Unsubscribe(connectionId, sessionId);
    }

    /// <summary>
    /// Renews this front door's registration with every session it watches in <paramref name="slice"/>. A session grain
    /// that moved to another silo lost its registrations; the renewal restores it, and the answer shows what was missed.
    /// </summary>
    public async Task RenewAsync(RenewalSlice slice)
    {
        LiveSession[] watched;
        lock (_gate) watched = _sessions.Values.Where(live => slice.Holds(live.SessionId)).ToArray();
        await Task.WhenAll(watched.Select(async live =>
        {
            try
            {
                var pulse = await Grain(live.SessionId).Watch(Reference, live.Presence());
                if (pulse.LastSeq > live.Delivered && live.Delivered >= 0) Fill(live);
                // Any difference (status, seats, waitlist, an edit) means a push was missed.
                if (pulse.Session is { } now && live.LastSeen != now) await SessionChanged(now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRenewFailed(logger, live.SessionId, e);
            }
        }));
    }

    public Task MessageAccepted(ChatMessage message)
    {
        if (Find(message.SessionId) is not { } live) return Task.CompletedTask;
        live.Accept(message);
        if (live.HasGap) Fill(live);
        return Task.CompletedTask;
    }

    public void Relay(ChatMessage message)
    {
        if (Find(message.SessionId) is not { } live) return;
        live.Accept(message);
        if (live.HasGap && live.TryBeginFill()) FillAfterGrace(live);
    }

    /// <summary>
    /// Fills a gap still standing after <see cref="AnswerGapGrace"/>. A method of its own: a lambda over the session in
    /// <see cref="Relay"/> made its closure on every message relayed, gap or not.
    /// </summary>
    private void FillAfterGrace(LiveSession live) =>
        _ = Task.Delay(AnswerGapGrace).ContinueWith(_ =>
        {
            live.EndFill();
            if (live.HasGap) Fill(live);
        }, TaskScheduler.Default);

    public Task ParticipantJoined(MembershipChange change)
    {
        if (Find(change.SessionId) is not { } live) return Task.CompletedTask;
        live.Send(async () =>
        {
            var user = await users.FindAsync(change.UserId);
            var entry = change.Participant ?? new ParticipantEntry(change.UserId, change.Role, clock.GetUtcNow(), Presence: PresenceStates.Offline);
            // Subscribers are participants: they see goal and presence; check-ins are the host's, and nobody has one yet.
            var shown = new ParticipantDto(user, entry.Role, entry.JoinedAt) { Goal = SessionViews.GoalOf(entry.Goal), Presence = entry.Presence };
            var joined = new ParticipantJoinedEvent(change.SessionId, user, change.Role, change.CurrentParticipants, shown);
            // Whoever blocks the newcomer, or is blocked by them, reads them as offline and without a goal, as in the participant list.
            var hiding = accounts.AnyoneHides ? live.ConnectionsWhere(viewer => accounts.Hides(viewer, change.UserId)) : [];
            await Broadcast(live, HubEvents.ParticipantJoined, joined, hiding);
            var offline = joined with { Participant = shown with { Presence = PresenceStates.Offline, Goal = null } };
            foreach (var connectionId in hiding) await hub.Clients.Client(connectionId).SendAsync(HubEvents.ParticipantJoined, offline);
        });
        return Task.CompletedTask;
    }

    public Task MessageHidden(ChatMessage hidden)
    {
        if (Find(hidden.SessionId) is not { } live) return Task.CompletedTask;
        live.Replace(hidden);
        live.Send(() => Broadcast(live, HubEvents.MessageHidden, new MessageHiddenEvent(hidden.SessionId, hidden.Id, hidden.Seq)));
        return Task.CompletedTask;
    }

    public Task MessageChanged(ChatMessage changed)
    {
        if (Find(changed.SessionId) is not { } live) return Task.CompletedTask;
        live.Replace(changed);
        // As the message itself: not to users who block its sender or whom its sender blocks.
        live.Send(async () => await Broadcast(live, HubEvents.MessageChanged, await views.ToDtoAsync(changed),
            accounts.AnyoneHides ? live.ConnectionsWhere(viewer => accounts.Hides(viewer, changed.UserId)) : []));
        return Task.CompletedTask;
    }

    public Task ParticipantLeft(MembershipChange change)
    {
        if (Find(change.SessionId) is not { } live) return Task.CompletedTask;
        var connections = live.Left(change.UserId);
        live.Send(async () =>
        {
            if (change.Removed)
                foreach (var connectionId in connections)
                    await hub.Clients.Client(connectionId).SendAsync(HubEvents.RemovedFromSession, new RemovedFromSessionEvent(change.SessionId));
            await Broadcast(live, HubEvents.ParticipantLeft, new ParticipantLeftEvent(change.SessionId, change.UserId, change.CurrentParticipants));
        });
        // Whoever left is no longer a participant: their connections stop hearing the session.
        foreach (var connectionId in connections) Unsubscribe(connectionId, change.SessionId);
        return Task.CompletedTask;
    }

    public Task SessionChanged(SessionSnapshot session)
    {
        if (Find(session.Id) is not { } live) return Task.CompletedTask;
        var cancelledNow = live.LastSeen?.Status != SessionStatuses.Cancelled;
        live.LastSeen = session;
        live.Send(async () =>
        {
            await Broadcast(live, HubEvents.SessionChanged, await views.ToDtoAsync(session, Viewer.Member));
            if (session.Status == SessionStatuses.Finished)
                await Broadcast(live, HubEvents.SessionRemoved, SessionRemovedEvent.Of(session));
            if (session.Status == SessionStatuses.Cancelled && cancelledNow)
                await Broadcast(live, HubEvents.SessionCancelled, new SessionCancelledEvent(session.Id, session.CancelReason));
        });
        return Task.CompletedTask;
    }

    public Task PhaseChanged(Guid sessionId, TimerPhase? phase)
    {
        if (Find(sessionId) is not { } live) return Task.CompletedTask;
        // The server's clock goes with it, read as it leaves, so clients count down from one clock.
        live.Send(() => Broadcast(live, HubEvents.PhaseChanged, new PhaseChangedEvent(sessionId, SessionViews.PhaseOf(phase), DateTimeOffset.UtcNow)));
        return Task.CompletedTask;
    }

    public Task GoalChanged(Guid sessionId, Guid userId, SessionGoal? goal)
    {
        if (Find(sessionId) is not { } live) return Task.CompletedTask;
        // Whoever blocks the user, or is blocked by them, does not read their goal, as in the participant list.
        live.Send(() => Broadcast(live, HubEvents.GoalChanged, new GoalChangedEvent(sessionId, userId, SessionViews.GoalOf(goal)),
            accounts.AnyoneHides ? live.ConnectionsWhere(viewer => accounts.Hides(viewer, userId)) : []));
        return Task.CompletedTask;
    }

    public Task CheckedIn(Guid sessionId, Guid hostId, ParticipantEntry participant)
    {
        if (Find(sessionId) is not { } live) return Task.CompletedTask;
        var hosts = live.ConnectionsOf(hostId);
        var checkedIn = new CheckedInEvent(sessionId, participant.UserId, participant.CheckedInAt!.Value);
        live.Send(async () =>
        {
            foreach (var connectionId in hosts) await hub.Clients.Client(connectionId).SendAsync(HubEvents.ParticipantCheckedIn, checkedIn);
        });
        return Task.CompletedTask;
    }

    /// <summary>Tells the session who holds it here now; the renewal repeats it, so a lost report heals.</summary>
    private void ReportPresence(LiveSession live)
    {
        var presence = live.Presence();
        _ = Grain(live.SessionId).ReportPresence(Reference, presence).ContinueWith(
            t => LogPresenceFailed(logger, live.SessionId, t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
    }

    public Task PresenceChanged(Guid sessionId, Guid userId, string state)
    {
        if (Find(sessionId) is not { } live) return Task.CompletedTask;
        // Whoever blocks the user, or is blocked by them, does not hear of their presence.
        live.Send(() => Broadcast(live, HubEvents.PresenceChanged, new PresenceChangedEvent(sessionId, userId, state),
            accounts.AnyoneHides ? live.ConnectionsWhere(viewer => accounts.Hides(viewer, userId)) : []));
        return Task.CompletedTask;
    }

    private IStudySessionGrain Grain(Guid sessionId) => sessionGrains.Get(sessionId);

    private LiveSession? Find(Guid sessionId)
    {
        lock (_gate) return _sessions.GetValueOrDefault(sessionId);
    }

    private LiveSession Start(Guid sessionId)
    {
        var live = new LiveSession(sessionId, DeliverAsync, AdmitAsync, e => LogSendFailed(logger, sessionId, e), clock.GetUtcNow);
        _sessions[sessionId] = live;
        return live;
    }

    private void StopIfIdle(LiveSession live)
    {
        lock (_gate)
        {
            if (!live.IsIdle || !_sessions.Remove(live.SessionId)) return;
        }
        _ = UnwatchAsync(live.SessionId);
    }

    private async Task UnwatchAsync(Guid sessionId)
    {
        try
        {
            await Grain(sessionId).Unwatch(Reference);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The registration expires by itself; nothing is lost.
            LogUnwatchFailed(logger, sessionId, e);
        }
    }

    /// <summary>Asks the session for what this front door missed (<see cref="LiveSession.FillAsync"/>), one fill at a time.</summary>
    private void Fill(LiveSession live)
    {
        if (!live.TryBeginFill()) return;
        _ = Task.Run(async () =>
        {
            try
            {
                var (skipped, gapStands) = await live.FillAsync(Grain(live.SessionId).MessagesAfter);
                if (skipped > 0) LogGapSkipped(logger, live.SessionId, skipped);
                if (gapStands) LogGapStands(logger, live.SessionId, live.Delivered);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFillFailed(logger, live.SessionId, e);
            }
            finally
            {
                live.EndFill();
            }
        });
    }

    private async Task DeliverAsync(LiveSession live, Delivery delivery)
    {
        foreach (var connectionId in delivery.JoinGroupFirst) await hub.Groups.AddToGroupAsync(connectionId, live.Group);
        var message = delivery.Message;
        // Users who blocked the author, or whom the author blocked, do not hear the message.
        var excluded = accounts.AnyoneHides ? HidingFrom(live, message.UserId) : [];
        var to = excluded.Count == 0 ? hub.Clients.Group(live.Group) : hub.Clients.GroupExcept(live.Group, excluded);
        await to.SendAsync(HubEvents.MessageReceived, await views.ToDtoAsync(message));
    }

    /// <summary>
    /// The connections of users who hide <paramref name="authorId"/>'s words. A method of its own: a lambda over the message
    /// in <see cref="DeliverAsync"/> made its closure on every delivery, hidden or not.
    /// </summary>
    private IReadOnlyList<string> HidingFrom(LiveSession live, Guid authorId) => live.ConnectionsWhere(user => accounts.Hides(user, authorId));

    private async Task AdmitAsync(LiveSession live, Admission admission)
    {
        try
        {
            var viewer = live.UserOf(admission.ConnectionId);
            foreach (var missed in admission.Complete ? admission.CatchUp : await CatchUpAsync(live, admission))
            {
                if (viewer is { } user && accounts.Hides(user, missed.UserId)) continue;
                await hub.Clients.Client(admission.ConnectionId).SendAsync(HubEvents.MessageReceived, await views.ToDtoAsync(missed));
            }
        }
        finally
        {
            // Whatever became of its catch-up, the connection hears the group from here on (it counts as in it already).
            await hub.Groups.AddToGroupAsync(admission.ConnectionId, live.Group);
        }
    }

    /// <summary>
    /// What a subscriber missed that this front door no longer holds (or never relayed: it gave up on a gap), read from
    /// the session. Later messages of the session wait for it, as they wait for any send before them, so the read has
    /// <see cref="CatchUpPatience"/>; past it, or when the session hands back less, the subscriber gets what there is and
    /// the rest is in history.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>> CatchUpAsync(LiveSession live, Admission admission)
    {
        IReadOnlyList<ChatMessage> read;
        try
        {
            read = [.. (await Grain(live.SessionId).MessagesAfter(admission.SeenUpTo).WaitAsync(CatchUpPatience)).Where(m => m.Seq <= admission.Through)];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            read = admission.CatchUp;
            LogCatchUpFailed(logger, live.SessionId, e);
        }
        var missing = admission.Through - admission.SeenUpTo - read.Count;
        if (missing > 0) LogCatchUpShort(logger, live.SessionId, missing);
        return read;
    }

    /// <summary>An event for every subscriber but <paramref name="except"/>: the group, and those still waiting to enter it.</summary>
    private async Task Broadcast(LiveSession live, string method, object payload, IReadOnlyList<string>? except = null)
    {
        var group = except is { Count: > 0 } ? hub.Clients.GroupExcept(live.Group, except) : hub.Clients.Group(live.Group);
        await group.SendAsync(method, payload);
        foreach (var connectionId in live.OutsideGroup.Except(except ?? [])) await hub.Clients.Client(connectionId).SendAsync(method, payload);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the live feed of session {SessionId} failed; the next renewal retries")]
    private static partial void LogRenewFailed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting presence in session {SessionId} failed; the next renewal repeats it")]
    private static partial void LogPresenceFailed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unwatching session {SessionId} failed; the registration expires by itself")]
    private static partial void LogUnwatchFailed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching missed messages of session {SessionId} failed; the next renewal retries")]
    private static partial void LogFillFailed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} still has a gap here after {Seq}; the next push or renewal asks again")]
    private static partial void LogGapStands(ILogger logger, Guid sessionId, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading what a new subscriber of session {SessionId} missed failed; it gets what this front door holds")]
    private static partial void LogCatchUpFailed(ILogger logger, Guid sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A new subscriber of session {SessionId} misses {Count} messages here; they are in its history")]
    private static partial void LogCatchUpShort(ILogger logger, Guid sessionId, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} missed {Count} messages here, more than it hands back at once; they are in its history")]
    private static partial void LogGapSkipped(ILogger logger, Guid sessionId, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying an event of session {SessionId} to its connections failed")]
    private static partial void LogSendFailed(ILogger logger, Guid sessionId, Exception exception);
}
