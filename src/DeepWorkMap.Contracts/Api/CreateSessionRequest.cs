namespace DeepWorkMap.Contracts.Api;

public sealed record CreateSessionRequest(
    string? Title,
    string? Subject,
    string? SessionType,
    double? Latitude,
    double? Longitude,
    DateTimeOffset? StartTime,
    int? DurationMinutes,
    int? MaxParticipants = null,
    string? VenueNote = null,
    string? Visibility = null,
    string? Description = null,
    int? WaitlistLimit = null,
    double? MinAttendanceRate = null,
    TimerDto? Timer = null);
