namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A validated edit by the host: null leaves a field as it is. For <see cref="Description"/> and
/// <see cref="VenueNote"/> an empty string clears it. <see cref="ExpectedVersion"/>, when given, must be the
/// session's version, so an edit made on a stale copy is refused instead of undoing someone else's.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionEdit")]
public sealed record SessionEdit(
    [property: Id(0)] string? Title = null,
    [property: Id(1)] string? Subject = null,
    [property: Id(2)] string? Description = null,
    [property: Id(3)] DateTimeOffset? StartTime = null,
    [property: Id(4)] int? DurationMinutes = null,
    [property: Id(5)] double? Latitude = null,
    [property: Id(6)] double? Longitude = null,
    [property: Id(7)] string? VenueNote = null,
    [property: Id(8)] int? MaxParticipants = null,
    [property: Id(9)] int? WaitlistLimit = null,
    [property: Id(10)] double? MinAttendanceRate = null,
    [property: Id(11)] int? ExpectedVersion = null)
{
    /// <summary>Whether the edit moves the session in time or space: allowed only before it starts.</summary>
    public bool Reschedules => StartTime is not null || DurationMinutes is not null || Latitude is not null || Longitude is not null;
}
