using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Session</c>; nearby search adds <see cref="DistanceKm"/>.</summary>
public sealed record SessionDto(
    Guid Id,
    string Title,
    string Subject,
    string SessionType,
    string Status,
    double Latitude,
    double Longitude,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int DurationMinutes,
    int MaxParticipants,
    int CurrentParticipants,
    UserDto Host,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }
}
