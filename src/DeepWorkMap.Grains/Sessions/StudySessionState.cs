using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Grains.Sessions;

[GenerateSerializer, Alias("DeepWorkMap.StudySessionState")]
public sealed class StudySessionState
{
    /// <summary>What the host asked for, as last edited; null until the session is created.</summary>
    [Id(0)] public CreateSession? Facts { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the host ended the session before its planned end.</summary>
    [Id(3)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Active participants by user id (the host included), with their check-ins.</summary>
    [Id(4)] public Dictionary<Guid, ParticipantEntry> Participants { get; set; } = [];

    /// <summary>Where the session shows to non-participants: its venue's cell's point (see PublicPosition), set at creation, on a move and on activation where it differs.</summary>
    [Id(5)] public double? PublicLatitude { get; set; }

    [Id(6)] public double? PublicLongitude { get; set; }

    /// <summary>A private session's invite code; null for public sessions.</summary>
    [Id(7)] public string? InviteCode { get; set; }

    /// <summary>Users the host removed; they cannot join again. Null until the first removal: most sessions never have one.</summary>
    [Id(8)] public HashSet<Guid>? Removed { get; set; }

    /// <summary>Users waiting for a seat, first come first served. Null while nobody waits: most sessions never have a line.</summary>
    [Id(9)] public List<ParticipantEntry>? Waitlist { get; set; }

    /// <summary>1 at creation; one more with each edit and with cancelling.</summary>
    [Id(10)] public int Version { get; set; } = 1;

    /// <summary>Set when the host called the session off.</summary>
    [Id(11)] public DateTimeOffset? CancelledAt { get; set; }

    [Id(12)] public string? CancelReason { get; set; }

    /// <summary>
    /// Notices this session owes people (a seat, a cancellation, a move, a removal), written with the change that
    /// caused them and dropped once delivered; an activation delivers what the last one did not. Null while none is owed.
    /// </summary>
    [Id(13)] public List<AddressedNotice>? PendingNotices { get; set; }

    /// <summary>A new public session's host's followers are still to be told (handed to its HostingNewsGrain).</summary>
    [Id(14)] public bool FollowersPending { get; set; }

    /// <summary>The shared timer's plan; null: no timer.</summary>
    [Id(15)] public TimerPlan? Timer { get; set; }

    /// <summary>How far the timer is behind the clock: pauses add to it, skips take from it.</summary>
    [Id(16)] public TimeSpan TimerShift { get; set; }

    /// <summary>When the host paused the timer, while it is paused.</summary>
    [Id(17)] public DateTimeOffset? TimerPausedAt { get; set; }

    /// <summary>When the host last set or resumed the timer: focus time in the phase then running counts from there.</summary>
    [Id(18)] public DateTimeOffset? TimerRestartedAt { get; set; }

    /// <summary>A moderator suspended the host: the session is on no map until they are reinstated.</summary>
    [Id(19)] public bool HostSuspended { get; set; }

    /// <summary>
    /// Lets go of the line and the outbox once they are empty, before a write: an empty list each is 64 B a session, ~6 MB
    /// at 100,000, for what most sessions never use.
    /// </summary>
    public void DropEmptyLists()
    {
        if (Waitlist is { Count: 0 }) Waitlist = null;
        if (PendingNotices is { Count: 0 }) PendingNotices = null;
    }
}
