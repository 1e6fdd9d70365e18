namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// Reads of a session as stored, unshaped for any caller: for tests and benchmarks, never for an answer (see
/// <see cref="IStudySessionGrain.View"/>). The same grain answers it (key: the session id). Its aliases are the ones these
/// methods had on <see cref="IStudySessionGrain"/>.
/// </summary>
[Alias("DeepWorkMap.IStudySessionProbe")]
public interface IStudySessionProbe : IGrainWithGuidKey
{
    /// <summary>The session now, venue included, or null if it was never created. Not for showing to a caller: see <see cref="IStudySessionGrain.View"/>.</summary>
    [RetrySafe, Alias("Get")] Task<SessionSnapshot?> Get();

    /// <summary>Active participants, host first, then by join time; null if the session does not exist.</summary>
    [RetrySafe, Alias("GetParticipants")] Task<IReadOnlyList<ParticipantEntry>?> GetParticipants();
}
