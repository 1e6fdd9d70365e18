namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Where the deployment's <see cref="PublicPositionKey"/> is kept: made on first use and the same ever after, on every
/// silo. Only silos ask for it.
/// </summary>
public interface IPublicPositionKeyStore
{
    Task<PublicPositionKey> GetAsync(CancellationToken cancellationToken = default);
}
