// In the contract's namespace, so a test that uses the session grain finds these without another using.
namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A session as stored, read through <see cref="IStudySessionProbe"/> from a session grain's reference: tests and
/// benchmarks keep reading <c>session.Get()</c> while the production interface carries no unshaped read.
/// </summary>
public static class SessionProbe
{
    public static Task<SessionSnapshot?> Get(this IStudySessionGrain session) => session.AsReference<IStudySessionProbe>().Get();

    public static Task<IReadOnlyList<ParticipantEntry>?> GetParticipants(this IStudySessionGrain session) =>
        session.AsReference<IStudySessionProbe>().GetParticipants();
}
