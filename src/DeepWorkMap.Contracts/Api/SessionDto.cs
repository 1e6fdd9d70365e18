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

    /// <summary>1 at creation, one more with each edit and with cancelling.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How many wait for a seat, and how many may.</summary>
    public int WaitlistCount { get; init; }

    public int WaitlistLimit { get; init; }

    /// <summary>The attendance rate a joiner with 3 or more recorded sessions needs; null: anyone may join.</summary>
    public double? MinAttendanceRate { get; init; }

    /// <summary>The weekly series this session is an occurrence of, if any.</summary>
    public Guid? SeriesId { get; init; }

    /// <summary>The host's reason, once cancelled (may be null then too).</summary>
    public string? CancelReason { get; init; }

    /// <summary>The shared timer's plan, or null.</summary>
    public TimerDto? Timer { get; init; }

    /// <summary>Where the timer stands (null without a timer, before the start, and in lists).</summary>
    public PhaseDto? Phase { get; init; }

    /// <summary>What the session is to the caller (host, participant, waitlisted, none): in answers to a signed-in caller only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MyRole { get; init; }

    /// <summary>The caller's place in the waitlist, 1 being next; only while they wait.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? WaitlistPosition { get; init; }

    /// <summary>When the caller checked in; only once they have.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CheckedInAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SessionVenue? Venue { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InviteCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InviteLink { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }
}
