using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Participant</c>; <see cref="CheckedInAt"/> is shown to the host only.</summary>
public sealed record ParticipantDto(UserDto User, string Role, DateTimeOffset JoinedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CheckedInAt { get; init; }
}
