using System.Text.Json.Serialization;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>Session</c>, as one caller may see it. <see cref="Latitude"/>/<see cref="Longitude"/> are the
/// public position; <see cref="Venue"/> is there only for the session's participants; <see cref="Host"/> is
/// null for anonymous callers; <see cref="InviteCode"/> and <see cref="InviteLink"/> are there for the host of a
/// private session only; nearby search adds <see cref="DistanceKm"/>.
/// </summary>
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
    UserDto? Host,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Visibility { get; init; } = SessionVisibilities.Public;

    /// <summary>What the session is about, in the host's words; null when none, and in lists (nearby, live maps).</summary>
    public string? Description { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionVenue? Venue { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InviteCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InviteLink { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }
}
