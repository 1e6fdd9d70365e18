using DeepWorkMap.Grains.Accounts;

namespace DeepWorkMap.Server.Accounts;

/// <summary>A signed-in device as stored: where and when it signed in, and how long its refresh token may live.</summary>
public sealed record Device(
    Guid Id, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string Network, string? UserAgent, bool KeepSignedIn,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Still signed in: not signed out, and its refresh token has not expired.</summary>
    public bool IsLive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>What presenting a refresh token did.</summary>
public enum RefreshOutcome
{
    /// <summary>The token was the device's latest: it is used up, and its successor stored.</summary>
    Rotated,

    /// <summary>The token was used before (a copy exists somewhere): the device is signed out with its whole chain.</summary>
    Reused,

    /// <summary>Unknown, expired, or of a signed-out device.</summary>
    Refused,
}

/// <summary>The answer to <see cref="IDeviceStore.RotateAsync"/>: the device, for <see cref="RefreshOutcome.Rotated"/> and <see cref="RefreshOutcome.Reused"/>.</summary>
public sealed record Rotation(RefreshOutcome Outcome, Device? Device);

/// <summary>Signed-in devices and the hashes of their refresh tokens: PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IDeviceStore : IDeviceRevocations
{
    /// <summary>
    /// Stores a new device with its first refresh token. Devices dead for <see cref="DeviceRules.KeptAfterDeath"/> are deleted,
    /// and beyond <see cref="DeviceRules.MaxLivePerAccount"/> live devices the least recently used are signed out: their ids.
    /// </summary>
    Task<IReadOnlyList<Guid>> AddAsync(Device device, byte[] refreshHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses refresh token <paramref name="hash"/> once, in one step against a racing use of the same token: on
    /// <see cref="RefreshOutcome.Rotated"/> it stores <paramref name="nextHash"/> in its place, valid for
    /// <see cref="DeviceRules.RefreshLifetime"/> from now (<paramref name="keptLifetime"/> for a device kept signed in), and
    /// records the use (time, network, user agent).
    /// </summary>
    Task<Rotation> RotateAsync(
        byte[] hash, byte[] nextHash, DateTimeOffset now, string network, string? userAgent, TimeSpan keptLifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whose device holds refresh token <paramref name="hash"/>, still to be used (unused, unexpired, not signed out), or
    /// null: read, not used.
    /// </summary>
    Task<Guid?> OwnerOfAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The account's live devices, most recently used first.</summary>
    Task<IReadOnlyList<Device>> LiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Signs out the account's live devices in <paramref name="deviceIds"/> (all of them when null) but <paramref name="except"/>: the ids signed out.</summary>
    Task<IReadOnlyList<Guid>> RevokeAsync(Guid userId, IReadOnlyCollection<Guid>? deviceIds, Guid? except, DateTimeOffset now, CancellationToken cancellationToken = default);
}
