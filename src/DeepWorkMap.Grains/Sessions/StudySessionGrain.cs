using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Grains.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Owns one study session. Orleans runs one call at a time here, so the capacity check and the write
/// that follows cannot interleave with another join: no overbooking without any database lock.
/// Every change is written to grain storage before it is acknowledged.
/// </summary>
public sealed partial class StudySessionGrain(
    [PersistentState("session", StorageNames.Default)] IPersistentState<StudySessionState> state,
    ISessionCatalog catalog,
    IOptions<ParticipationLimits> participation,
    IChatLog chatLog,
    IAttendanceStore attendance,
    IFocusLog focusLog,
    IPublicPositionKeyStore publicPositionKeys,
    Clock clock,
    ILogger<StudySessionGrain> logger) : Grain, IStudySessionGrain, IStudySessionProbe
{
    /// <summary>The status whose consequences this activation has carried out; null: not yet known.</summary>
    private string? _announcedStatus;

    /// <summary>
    /// Front doors with clients in this session; each renews its registration or drops out. Observer calls
    /// are one-way: they return at once, so notifying never waits on a front door.
    /// </summary>
    private LeasedObservers<ISessionObserver> _watchers = new(logger);

    private Guid Id => this.GetPrimaryKey();

    private bool Exists => state.State.Facts is not null;

    /// <summary>
    /// Whether the session exists. A call about one that does not (an id from outside, never created) lets this
    /// activation go as soon as it is answered: a flood of look-ups of random ids leaves nothing behind. Create alone
    /// asks <see cref="Exists"/>, since it makes the session on a fresh activation.
    /// </summary>
    private bool Found()
    {
        if (Exists) return true;
        DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// The one visibility guard: whether the session exists for <paramref name="userId"/>. A private one does not for
    /// someone who neither takes part nor offers its invite code, so they learn no more than of an id that names nothing.
    /// </summary>
    private bool ExistsFor(Guid? userId, string? inviteCode = null) => Found() && IsVisibleTo(userId, inviteCode);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Exists) return;
        // State written before the line and the outbox were left null while empty holds empty lists.
        state.State.DropEmptyLists();
        await AdoptPublicPosition();
        // A batched membership write can die with a silo; re-sending it on activation heals the catalog.
        catalog.SaveMembersSoon(Id, Members(), state.State.UpdatedAt);
        await LoadRecentMessages();
        _lineAsTold = LineNow();
        // What the last activation owed people and may not have delivered.
        DeliverPending();
        ArmBoundary();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CountOutbox(deactivating: true);
        AccountFocus();
        await WriteFocus(all: true);
    }

    public async Task<SessionOutcome> Create(CreateSession command)
    {
        if (Exists)
        {
            return state.State.Facts == command ? SessionOutcome.Ok(SnapshotFor(command.HostId)) : SessionOutcome.Fail(ErrorCodes.AlreadyExists);
        }

        var publicPosition = await PublicPositionOf(command.Latitude, command.Longitude);
        var now = clock.GetUtcNow();
        state.State.Facts = command;
        state.State.CreatedAt = now;
        state.State.UpdatedAt = now;
        state.State.Participants[command.HostId] = new ParticipantEntry(command.HostId, ParticipantRoles.Host, now);
        (state.State.PublicLatitude, state.State.PublicLongitude) = publicPosition;
        if (command.Visibility == SessionVisibilities.Private) state.State.InviteCode = InviteCodes.New();
        else state.State.FollowersPending = true;
        state.State.Timer = command.Timer;
        await Save();

        var snapshot = Snapshot();
        await SaveRow(snapshot);
        _announcedStatus = snapshot.Status;
        DeepWorkMetrics.SessionsCreated.Add(1);
        await UpdateIndex(snapshot);
        await ScheduleReminders();
        ArmBoundary();
        return SessionOutcome.Ok(SnapshotFor(command.HostId));
    }

    public Task<SessionSnapshot?> View(Guid? viewerId, string? inviteCode) =>
        Task.FromResult(ExistsFor(viewerId, inviteCode) ? SnapshotFor(viewerId) : null);

    public async Task CatchUp()
    {
        if (!Found()) return;
        var snapshot = Snapshot();
        if (snapshot.Status == _announcedStatus) return;
        // Before the catalog records the finish, so a sweep that finds it unrecorded comes back until both are done.
        if (snapshot.Status == SessionStatuses.Finished) await RecordAttendance(snapshot);
        await Publish(snapshot);
        if (snapshot.Status == SessionStatuses.Finished) DeepWorkMetrics.SessionsFinished.Add(1);
    }

    /// <summary>Carries a change out: the catalog row, the map tiles, and the subscribers' screens.</summary>
    private async Task Publish(SessionSnapshot snapshot)
    {
        await SaveRow(snapshot);
        _announcedStatus = snapshot.Status;
        var shown = snapshot with { InviteCode = null };
        _watchers.Notify(watcher => { _ = watcher.SessionChanged(shown); });
        await UpdateIndex(snapshot);
    }

    /// <summary>Writes the state, the outbox with it, then delivers what the outbox holds.</summary>
    private async Task Save()
    {
        if (_delivered is { Count: > 0 } delivered)
        {
            state.State.PendingNotices?.RemoveAll(delivered.Contains);
            _delivered = null;
        }
        if (_followersHandedOver) state.State.FollowersPending = false;
        state.State.DropEmptyLists();
        await state.WriteStateAsync();
        DeliverPending();
    }

    /// <summary>
    /// The whole catalog row, and who takes part with it: the row's write moves its <c>updated_at</c> on, and a batch of
    /// members still pending from before would then be refused as stale, leaving the catalog without them.
    /// </summary>
    private async Task SaveRow(SessionSnapshot snapshot)
    {
        await catalog.SaveAsync(snapshot);
        catalog.SaveMembersSoon(Id, Members(), snapshot.UpdatedAt);
    }

    private async Task<SessionSnapshot> SaveMembershipChange(DateTimeOffset now)
    {
        state.State.UpdatedAt = now;
        await Save();
        var snapshot = Snapshot();
        catalog.SaveMembersSoon(Id, Members(), now);
        await UpdateIndex(snapshot);
        return snapshot;
    }

    /// <summary>Who takes part, for the catalog: the participants, and those waiting (role waitlisted).</summary>
    private List<ParticipantEntry> Members() => [.. state.State.Participants.Values, .. Line];

    private bool IsVisibleTo(Guid? viewerId, string? inviteCode) => Admission.IsVisible(
        state.State.InviteCode, viewerId is { } id && (state.State.Participants.ContainsKey(id) || WaitlistPosition(id) is not null), inviteCode);

    /// <summary>
    /// The session as <paramref name="viewerId"/> may see it: the venue for its participants, the invite code for
    /// its host, and (for anyone signed in) what the session is to them.
    /// </summary>
    private SessionSnapshot SnapshotFor(Guid? viewerId)
    {
        var snapshot = Snapshot();
        if (viewerId is not { } id) return snapshot with { InviteCode = null, Venue = null };
        if (state.State.Participants.TryGetValue(id, out var entry))
        {
            var mine = new ViewerRole(entry.Role, CheckedInAt: entry.CheckedInAt);
            return id == state.State.Facts!.HostId ? snapshot with { Mine = mine } : snapshot with { InviteCode = null, Mine = mine };
        }
        var position = WaitlistPosition(id);
        var role = position is null ? new ViewerRole(ParticipantRoles.None) : new ViewerRole(ParticipantRoles.Waitlisted, position);
        return snapshot with { InviteCode = null, Venue = null, Mine = role };
    }

    /// <summary>Where a venue shows to outsiders: its cell's point (see PublicPosition).</summary>
    private async Task<(double Latitude, double Longitude)> PublicPositionOf(double latitude, double longitude) =>
        PublicPosition.Of(latitude, longitude, await publicPositionKeys.GetAsync());

    /// <summary>
    /// A session stored with another public position than its cell's (drawn at random by an earlier version, or none
    /// at all) takes its cell's, in its state, its catalog row and its map tiles. Silos recompute the catalog rows of
    /// unfinished sessions at start-up (PublicPositionRefresher), so the tiles usually have it already.
    /// </summary>
    private async Task AdoptPublicPosition()
    {
        var facts = state.State.Facts!;
        var cloaked = await PublicPositionOf(facts.Latitude, facts.Longitude);
        if (PublicPosition.Matches(cloaked, state.State.PublicLatitude, state.State.PublicLongitude)) return;
        SessionSnapshot? before = state.State.PublicLatitude is null ? null : Snapshot();
        (state.State.PublicLatitude, state.State.PublicLongitude) = cloaked;
        await Save();
        await catalog.SavePublicPositionAsync(Id, cloaked.Latitude, cloaked.Longitude);
        var after = Snapshot();
        if (SessionStatuses.IsOver(after.Status)) return;
        if (before is not null && GeoGrid.TilesOf(before.Latitude, before.Longitude) != GeoGrid.TilesOf(after.Latitude, after.Longitude))
            await WithdrawFromIndex(before);
        await UpdateIndex(after);
    }

    /// <summary>
    /// Tells the session's map tiles. The change is already durable, so a tile that cannot be reached
    /// does not fail it: the tile rebuilds itself from the catalog when it comes back.
    /// </summary>
    private Task UpdateIndex(SessionSnapshot snapshot) =>
        TellTiles(snapshot, SessionStatuses.IsOver(snapshot.Status) || snapshot.HostSuspended ? SessionIndex.Withdraw : SessionIndex.Publish);

    private Task WithdrawFromIndex(SessionSnapshot snapshot) => TellTiles(snapshot, SessionIndex.Withdraw);

    private async Task TellTiles(SessionSnapshot snapshot, Func<IGrainFactory, SessionSnapshot, Task> change)
    {
        try
        {
            // A private session is never on the map, so its tiles are never told anything.
            if (snapshot.Visibility == SessionVisibilities.Private) return;
            await change(GrainFactory, snapshot);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogIndexUpdateFailed(logger, Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: updating its map tiles failed; they will rebuild from the catalog")]
    private static partial void LogIndexUpdateFailed(ILogger logger, Guid sessionId, Exception exception);

    /// <summary>When the session ends or ended: its planned end, or earlier if the host ended it.</summary>
    private DateTimeOffset EndsAt()
    {
        var facts = state.State.Facts!;
        var plannedEnd = SessionLifecycle.PlannedEnd(facts.StartTime, facts.DurationMinutes);
        return state.State.EndedAt is { } ended && ended < plannedEnd ? ended : plannedEnd;
    }

    /// <summary>The status alone, for the hot paths (a chat send) that need no whole snapshot.</summary>
    private string StatusUntil(DateTimeOffset end) =>
        state.State.CancelledAt is null ? SessionLifecycle.StatusAt(state.State.Facts!.StartTime, end, clock.GetUtcNow()) : SessionStatuses.Cancelled;

    private SessionSnapshot Snapshot()
    {
        var facts = state.State.Facts!;
        var end = EndsAt();
        var status = StatusUntil(end);
        return new SessionSnapshot(
            Id, facts.HostId, facts.Title, facts.Subject, facts.SessionType, status,
            state.State.PublicLatitude!.Value, state.State.PublicLongitude!.Value, facts.StartTime, end, facts.DurationMinutes,
            facts.MaxParticipants, state.State.Participants.Count, state.State.CreatedAt, state.State.UpdatedAt,
            new SessionVenue(facts.Latitude, facts.Longitude, facts.VenueNote), facts.Visibility, state.State.InviteCode, facts.Description,
            state.State.Version, Line.Count, facts.WaitlistCapacity, facts.MinAttendanceRate, facts.SeriesId, state.State.CancelReason,
            Timer: state.State.Timer, Phase: Phase(), HostSuspended: state.State.HostSuspended);
    }
}
