using DeepWorkMap.Contracts.Sessions;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Live;

/// <summary>
/// Someone joined or left a session (or was removed by its host), and the seat count afterwards. A join carries the
/// new participant as the participant list shows them, so subscribers need not read the list again.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.MembershipChange")]
public sealed record MembershipChange(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string Role,
    [property: Id(3)] int CurrentParticipants,
    [property: Id(4)] bool Removed = false,
    [property: Id(5)] ParticipantEntry? Participant = null);
