using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using Microsoft.Extensions.Logging;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// What the session tells people who may not be looking: notices kept in its state with the change that caused
/// them (so an acknowledged change never loses its notice), delivered to each user's <see cref="IUserGrain"/>,
/// whose inbox keeps one of each however often it is sent; and reminders before the start, by Orleans reminders,
/// which outlive any silo.
/// </summary>
public sealed partial class StudySessionGrain : IRemindable
{
    /// <summary>The lead times users may choose; the Orleans reminder of a session is named after the next one ahead.</summary>
    private static readonly IReadOnlyList<int> ReminderLeads = UserPreferences.ReminderChoices;

    private const string ReminderPrefix = "reminder-";

    /// <summary>
    /// Delivered notices still in the state; dropped at the next write. Both sets are made when first needed: a silo
    /// holds a grain per session, and most of them have no notice on its way most of the time.
    /// </summary>
    private HashSet<AddressedNotice>? _delivered;
    private HashSet<AddressedNotice>? _delivering;

    /// <summary>The followers' news is handed over (cleared from the state at the next write), or on its way.</summary>
    private bool _followersHandedOver;
    private bool _handingOver;

    /// <summary>What this activation counts in <see cref="DeepWorkMetrics.OutboxDepth"/>: its undelivered notices.</summary>
    private int _outboxCounted;

    /// <summary>The notices owed; the shared empty list when none is.</summary>
    private IReadOnlyList<AddressedNotice> Outbox => state.State.PendingNotices ?? [];

    private void Tell(Guid userId, Notice notice) => (state.State.PendingNotices ??= []).Add(new AddressedNotice(userId, notice));

    private void TellParticipants(Notice notice, bool andWaiting = false)
    {
        var hostId = state.State.Facts!.HostId;
        foreach (var userId in state.State.Participants.Keys.Where(id => id != hostId)) Tell(userId, notice);
        if (andWaiting) foreach (var waiting in Line) Tell(waiting.UserId, notice);
    }

    /// <summary>Sends every pending notice not already on its way; a failed one stays pending for the next write or activation.</summary>
    private void DeliverPending()
    {
        foreach (var pending in Outbox)
            if (_delivered?.Contains(pending) != true && (_delivering ??= []).Add(pending)) _ = Deliver(pending);
        if (state.State.FollowersPending && !_followersHandedOver && !_handingOver) _ = HandOverFollowers();
        CountOutbox();
    }

    /// <summary>Brings this activation's share of the cluster's outbox depth up to date; 0 when it deactivates.</summary>
    private void CountOutbox(bool deactivating = false)
    {
        var depth = deactivating ? 0
            : Outbox.Count(pending => _delivered?.Contains(pending) != true) + (state.State.FollowersPending && !_followersHandedOver ? 1 : 0);
        if (depth != _outboxCounted) DeepWorkMetrics.OutboxDepth.Add(depth - _outboxCounted);
        _outboxCounted = depth;
    }

    /// <summary>The host's followers hear of a new public session from its news grain: the first batch before it answers, any others after.</summary>
    private async Task HandOverFollowers()
    {
        _handingOver = true;
        try
        {
            await GrainFactory.GetGrain<IHostingNewsGrain>(Id).Announce(Snapshot());
            _followersHandedOver = true;
            CountOutbox();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNoticeFailed(logger, Id, NotificationKinds.FollowedHostHosting, e);
        }
        finally
        {
            _handingOver = false;
        }
    }

    private async Task Deliver(AddressedNotice pending)
    {
        try
        {
            await GrainFactory.GetGrainFast<IUserGrain>(pending.UserId).Notify(pending.Notice);
            (_delivered ??= []).Add(pending);
            CountOutbox();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNoticeFailed(logger, Id, pending.Notice.Kind, e);
        }
        finally
        {
            _delivering!.Remove(pending);
        }
    }

    /// <summary>
    /// Registers (or moves) one reminder, for the longest lead time whose moment is still ahead, and drops any other.
    /// Each reminder, when it fires, registers the next: one registration per session rather than one per lead time.
    /// </summary>
    private async Task ScheduleReminders()
    {
        var session = Snapshot();
        var now = clock.GetUtcNow();
        var ahead = ReminderLeads.Where(lead => session.StartTime.AddMinutes(-lead) > now).ToList();
        int? next = session.Status == SessionStatuses.StartingSoon && ahead.Count > 0 ? ahead.Max() : null;
        foreach (var registered in await this.GetReminders())
            if (registered.ReminderName != ReminderName(next)) await this.UnregisterReminder(registered);
        if (next is { } lead)
            await this.RegisterOrUpdateReminder(ReminderName(lead)!, session.StartTime.AddMinutes(-lead) - now, TimeSpan.FromMinutes(1));
    }

    private async Task UnscheduleReminders()
    {
        foreach (var registered in await this.GetReminders()) await this.UnregisterReminder(registered);
    }

    private static string? ReminderName(int? lead) => lead is null ? null : ReminderPrefix + lead;

    /// <summary>
    /// A lead time has come: each participant whose lead time it is gets a reminder (their user grain decides and
    /// keeps one per start), then the next lead time's reminder is registered. Late is better than never: a reminder
    /// delayed by a failure still reminds, until the start, and brings along the shorter lead times that came meanwhile.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Found() || !reminderName.StartsWith(ReminderPrefix, StringComparison.Ordinal)
            || !int.TryParse(reminderName.AsSpan(ReminderPrefix.Length), out var lead)) return;
        var session = Snapshot();
        var now = clock.GetUtcNow();
        if (session.Status == SessionStatuses.StartingSoon && now < session.StartTime.AddMinutes(-lead)) return;
        if (session.Status == SessionStatuses.StartingSoon)
        {
            DeepWorkMetrics.ReminderLag.Record((now - session.StartTime.AddMinutes(-lead)).TotalSeconds);
            var shown = session with { Venue = null, InviteCode = null, Description = null };
            var come = ReminderLeads.Where(each => each <= lead && session.StartTime.AddMinutes(-each) <= now).ToList();
            await Task.WhenAll(state.State.Participants.Keys.SelectMany(userId => come.Select(each => GrainFactory.GetGrain<IUserGrain>(userId).RemindOf(shown, each))));
        }
        await ScheduleReminders();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: delivering a {Kind} notice failed; it stays pending")]
    private static partial void LogNoticeFailed(ILogger logger, Guid sessionId, string kind, Exception exception);
}
