using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Participant</c>; <see cref="CheckedInAt"/> is shown to the host only, the goal and presence to participants.</summary>
public sealed record ParticipantDto(UserDto User, string Role, DateTimeOffset JoinedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CheckedInAt { get; init; }

    /// <summary>Their goal for the session, shown to its participants; null when none.</summary>
    public GoalDto? Goal { get; init; }

    /// <summary>online, focusing, break, away or offline; null for a caller who does not take part in the session.</summary>
    public string? Presence { get; init; }
}
