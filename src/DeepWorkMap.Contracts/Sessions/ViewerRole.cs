namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// What the session is to the one caller it was answered for: their role (<see cref="ParticipantRoles"/>), their
/// place in the waitlist (1 = next), and when they checked in.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ViewerRole")]
public sealed record ViewerRole(
    [property: Id(0)] string Role,
    [property: Id(1)] int? WaitlistPosition = null,
    [property: Id(2)] DateTimeOffset? CheckedInAt = null);
