using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>MapSession</c>: a session as a map and its list draw it (<c>fields=map</c>), a subset of
/// <see cref="SessionDto"/> with the same values. It names no one and carries nothing only some callers may see, so
/// it is the same for every caller; the page reads the full session when one is opened.
/// </summary>
public sealed record MapSessionDto(
    Guid Id,
    string Title,
    string Subject,
    string SessionType,
    string Status,
    double Latitude,
    double Longitude,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    int MaxParticipants,
    int CurrentParticipants)
{
    /// <summary>Nearby only: km from the search centre, to 0.1 km.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }
}
