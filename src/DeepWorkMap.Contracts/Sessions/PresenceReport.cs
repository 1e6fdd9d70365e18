namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// What one front door knows of one user in a session: <see cref="PresenceStates.Active"/> or
/// <see cref="PresenceStates.Away"/>, and since when. The moment lets a new activation of the session (after a silo
/// was lost) count the user's focus time from when they really arrived, not from when it heard of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.PresenceReport")]
public sealed record PresenceReport([property: Id(0)] string State, [property: Id(1)] DateTimeOffset Since)
{
    public bool IsActive => State == PresenceStates.Active;
}
