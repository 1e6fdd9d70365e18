namespace DeepWorkMap.Contracts.Api;

public sealed record ParticipantDto(UserDto User, string Role, DateTimeOffset JoinedAt);
