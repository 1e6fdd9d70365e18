using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// Embedded mode's key: random, one per process (every silo of a process shares it), gone with the process like
/// every session it positioned.
/// </summary>
public sealed class InMemoryPublicPositionKeyStore : IPublicPositionKeyStore
{
    private static readonly Task<PublicPositionKey> Key = Task.FromResult(PublicPositionKey.NewRandom());

    public Task<PublicPositionKey> GetAsync(CancellationToken cancellationToken = default) => Key;
}
