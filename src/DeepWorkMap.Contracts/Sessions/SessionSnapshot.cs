namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A session as its grain sees it at one instant: its facts plus the status and seat count of that
/// instant. <see cref="Latitude"/> and <see cref="Longitude"/> are the public position, which everyone may
/// see and every geo operation uses; <see cref="Venue"/> is the real place, for participants only, and is
/// null wherever the snapshot is not meant for them (map tiles, live maps). <see cref="EndTime"/> is the
/// planned end, or the moment the host ended it. <see cref="InviteCode"/> is there for the host of a private
/// session only. <see cref="Description"/> is left out where lists are built (map tiles, live maps).
/// <see cref="Mine"/> is set only in an answer to one caller; pushes and lists carry null. <see cref="HostSuspended"/>:
/// a moderator suspended the host, and the session is on no map until they are reinstated.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid HostId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Subject,
    [property: Id(4)] string SessionType,
    [property: Id(5)] string Status,
    [property: Id(6)] double Latitude,
    [property: Id(7)] double Longitude,
    [property: Id(8)] DateTimeOffset StartTime,
    [property: Id(9)] DateTimeOffset EndTime,
    [property: Id(10)] int DurationMinutes,
    [property: Id(11)] int MaxParticipants,
    [property: Id(12)] int CurrentParticipants,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] SessionVenue? Venue = null,
    [property: Id(16)] string Visibility = SessionVisibilities.Public,
    [property: Id(17)] string? InviteCode = null,
    [property: Id(18)] string? Description = null,
    [property: Id(19)] int Version = 1,
    [property: Id(20)] int WaitlistCount = 0,
    [property: Id(21)] int WaitlistLimit = 0,
    [property: Id(22)] double? MinAttendanceRate = null,
    [property: Id(23)] Guid? SeriesId = null,
    [property: Id(24)] string? CancelReason = null,
    [property: Id(25)] ViewerRole? Mine = null,
    [property: Id(26)] TimerPlan? Timer = null,
    [property: Id(27)] TimerPhase? Phase = null,
    [property: Id(28)] bool HostSuspended = false);
