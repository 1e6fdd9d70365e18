using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>The session as stored, for tests and benchmarks (<see cref="IStudySessionProbe"/>); no answer to a user is built from it.</summary>
public sealed partial class StudySessionGrain
{
    public Task<SessionSnapshot?> Get() => Task.FromResult(Found() ? Snapshot() : null);

    public Task<IReadOnlyList<ParticipantEntry>?> GetParticipants() =>
        Task.FromResult<IReadOnlyList<ParticipantEntry>?>(Found() ? OrderedParticipants() : null);
}
