namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// The hub's <c>participantJoined</c> event: <see cref="Participant"/> is the newcomer as the participant list shows them
/// to subscribers (goal and presence; presence <c>offline</c> to those who block them or whom they block).
/// </summary>
public sealed record ParticipantJoinedEvent(Guid SessionId, UserDto User, string Role, int CurrentParticipants, ParticipantDto Participant);
