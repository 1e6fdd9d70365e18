using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Participant</c>; <see cref="CheckedInAt"/> is shown to the host only.</summary>
public sealed record ParticipantDto(UserDto User, string Role, DateTimeOffset JoinedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CheckedInAt { get; init; }

    /// <summary>Their goal for the session, shown to its participants; null when none.</summary>
    public GoalDto? Goal { get; init; }

    /// <summary>online, focusing, break, away or offline.</summary>
    public string Presence { get; init; } = "offline";
}
