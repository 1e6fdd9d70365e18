namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A session as its grain sees it at one instant: its facts plus the status and seat count of that
/// instant. <see cref="EndTime"/> is the planned end, or the moment the host ended it.
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
    [property: Id(14)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("DeepWorkMap.ParticipantEntry")]
public sealed record ParticipantEntry(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateTimeOffset JoinedAt);

/// <summary>The answer to a command: the session afterwards, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionOutcome")]
public sealed record SessionOutcome(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] string? Error)
{
    public static SessionOutcome Ok(SessionSnapshot session) => new(session, null);
    public static SessionOutcome Fail(string error, SessionSnapshot? session = null) => new(session, error);
}

/// <summary>A validated request to create a session (validation happens at the front door).</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.CreateSession")]
public sealed record CreateSession(
    [property: Id(0)] Guid HostId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Subject,
    [property: Id(3)] string SessionType,
    [property: Id(4)] double Latitude,
    [property: Id(5)] double Longitude,
    [property: Id(6)] DateTimeOffset StartTime,
    [property: Id(7)] int DurationMinutes,
    [property: Id(8)] int MaxParticipants);
