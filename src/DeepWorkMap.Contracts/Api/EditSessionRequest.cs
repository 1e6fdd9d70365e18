namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// <c>PATCH /api/sessions/{id}</c>: every field optional, absent or null leaving it as it is; an empty
/// <see cref="Description"/> or <see cref="VenueNote"/> clears it, a <see cref="MinAttendanceRate"/> of 0 drops
/// the minimum. <see cref="Version"/>, when given, must be the session's current version.
/// </summary>
public sealed record EditSessionRequest(
    string? Title = null,
    string? Subject = null,
    string? Description = null,
    DateTimeOffset? StartTime = null,
    int? DurationMinutes = null,
    double? Latitude = null,
    double? Longitude = null,
    string? VenueNote = null,
    int? MaxParticipants = null,
    int? WaitlistLimit = null,
    double? MinAttendanceRate = null,
    int? Version = null);
