namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// One study session (key: its id). The only writer of its session: capacity, membership, host rights
/// and lifecycle are decided here, so no rule depends on database locking.
/// </summary>
[Alias("DeepWorkMap.IStudySessionGrain")]
public interface IStudySessionGrain : IGrainWithGuidKey
{
    /// <summary>Creates the session with its host as first participant; idempotent for the same command.</summary>
    [Alias("Create")] Task<SessionOutcome> Create(CreateSession command);

    /// <summary>The session now, or null if it was never created.</summary>
    [Alias("Get")] Task<SessionSnapshot?> Get();

    /// <summary>Active participants, host first, then by join time; null if the session does not exist.</summary>
    [Alias("GetParticipants")] Task<IReadOnlyList<ParticipantEntry>?> GetParticipants();

    [Alias("Join")] Task<SessionOutcome> Join(Guid userId);

    [Alias("Leave")] Task<SessionOutcome> Leave(Guid userId);

    [Alias("End")] Task<SessionOutcome> End(Guid userId);

    /// <summary>Carries out what a status change that happened by the clock entails (catalog, index, pushes).</summary>
    [Alias("CatchUp")] Task CatchUp();
}
