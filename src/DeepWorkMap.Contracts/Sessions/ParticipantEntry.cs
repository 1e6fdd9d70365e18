namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// One participant (or one waiting user), when they checked in, if they did, their goal for the session, and (in
/// answers only, never stored) their presence.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ParticipantEntry")]
public sealed record ParticipantEntry(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateTimeOffset JoinedAt,
    [property: Id(3)] DateTimeOffset? CheckedInAt = null,
    [property: Id(4)] SessionGoal? Goal = null,
    [property: Id(5)] string? Presence = null);
