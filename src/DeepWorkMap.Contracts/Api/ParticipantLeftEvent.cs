namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>participantLeft</c> event.</summary>
public sealed record ParticipantLeftEvent(Guid SessionId, Guid UserId, int CurrentParticipants);
