namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A validated request to create a session (validation happens at the front door). <see cref="Latitude"/>
/// and <see cref="Longitude"/> are the venue; the grain picks the public position. <see cref="WaitlistLimit"/>
/// null means as many waiting as there are seats; <see cref="MinAttendanceRate"/> null means anyone may join.
/// </summary>
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
    [property: Id(8)] int MaxParticipants,
    [property: Id(9)] string? VenueNote = null,
    [property: Id(10)] string Visibility = SessionVisibilities.Public,
    [property: Id(11)] string? Description = null,
    [property: Id(12)] int? WaitlistLimit = null,
    [property: Id(13)] double? MinAttendanceRate = null,
    [property: Id(14)] Guid? SeriesId = null,
    [property: Id(15)] TimerPlan? Timer = null)
{
    /// <summary>How many may wait for a seat.</summary>
    public int WaitlistCapacity => WaitlistLimit ?? MaxParticipants;
}
