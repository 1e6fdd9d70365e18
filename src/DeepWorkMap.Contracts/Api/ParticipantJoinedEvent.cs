namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>participantJoined</c> event.</summary>
public sealed record ParticipantJoinedEvent(Guid SessionId, UserDto User, string Role, int CurrentParticipants);
