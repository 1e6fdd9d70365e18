namespace DeepWorkMap.Grains.Accounts;

/// <summary>Where signed-out devices are durable: the device store.</summary>
public interface IDeviceRevocations
{
    /// <summary>
    /// The account's devices signed out since <paramref name="since"/>: an access token lives at most
    /// <see cref="Window"/>, so a device signed out before that has none left that could still pass.
    /// </summary>
    Task<IReadOnlyList<Guid>> RevokedSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>The longest an access token may live (<c>Jwt:TokenLifetimeMinutes</c> at most 7 days) and its clock skew.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1);
}
