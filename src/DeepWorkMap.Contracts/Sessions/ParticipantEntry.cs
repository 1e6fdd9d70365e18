namespace DeepWorkMap.Contracts.Sessions;

[GenerateSerializer, Immutable, Alias("DeepWorkMap.ParticipantEntry")]
public sealed record ParticipantEntry(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateTimeOffset JoinedAt);
