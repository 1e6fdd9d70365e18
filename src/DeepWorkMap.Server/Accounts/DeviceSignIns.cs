using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Accounts;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Signed-in devices: a login or sign-up makes one, with an access token naming it and a refresh token (256 random bits,
/// stored as its SHA-256) that buys the next pair once. Signing a device out revokes it in the store first, then tells the
/// account's grain, which refuses its access tokens at once and has every front door drop its hub connections.
/// </summary>
public sealed class DeviceSignIns(IDeviceStore devices, TokenIssuer tokens, JwtSettings jwt, IGrainFactory grains, Clock clock)
{
    public async Task<AuthResult> SignInAsync(UserAccount account, HttpContext http, bool keepSignedIn, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (refresh, hash) = AccountTokens.New();
        var device = new Device(Guid.NewGuid(), account.Id, now, now, RateLimits.AddressOf(http), DeviceRules.UserAgentOf(http.Request), keepSignedIn,
            now + DeviceRules.RefreshLifetime(keepSignedIn, jwt.RefreshTokenLifetime), null);
        if ((await devices.AddAsync(device, hash, cancellationToken)).Count > 0) await TellAsync(account.Id, now, cancellationToken);
        return Issue(account, new Refreshed(device, refresh));
    }

    /// <summary>
    /// Trades a refresh token for its successor: the device and the new token, for <see cref="Issue"/>. A token used before
    /// signs its device out (RFC 9700: one of its two holders is not the owner, and the server cannot tell which). Null when
    /// refused, whatever the reason.
    /// </summary>
    public async Task<Refreshed?> RefreshAsync(string refreshToken, HttpContext http, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var (next, nextHash) = AccountTokens.New();
        var rotation = await devices.RotateAsync(AccountTokens.Hash(refreshToken), nextHash, now, RateLimits.AddressOf(http),
            DeviceRules.UserAgentOf(http.Request), jwt.RefreshTokenLifetime, cancellationToken);
        switch (rotation)
        {
            case { Outcome: RefreshOutcome.Rotated, Device: { } device }:
                return new Refreshed(device, next);
            case { Outcome: RefreshOutcome.Reused, Device: { } reused }:
                await TellAsync(reused.UserId, now, cancellationToken);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Whose device holds this refresh token still to be used, read without using it (null when none does).</summary>
    public Task<Guid?> OwnerOfAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        devices.OwnerOfAsync(AccountTokens.Hash(refreshToken), clock.GetUtcNow(), cancellationToken);

    public AuthResult Issue(UserAccount account, Refreshed refreshed) =>
        tokens.Issue(account, refreshed.Device.Id) with
        {
            RefreshToken = refreshed.RefreshToken, RefreshExpiresAt = refreshed.Device.ExpiresAt, DeviceId = refreshed.Device.Id,
        };

    public Task<IReadOnlyList<Device>> LiveAsync(Guid userId, CancellationToken cancellationToken = default) =>
        devices.LiveAsync(userId, clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Signs out the account's devices in <paramref name="deviceIds"/> (all when null) but <paramref name="except"/>, on every
    /// front door: the ids signed out now. Safe to retry: the grain is told every device signed out lately, not only these.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> SignOutAsync(Guid userId, IReadOnlyCollection<Guid>? deviceIds, Guid? except, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var revoked = await devices.RevokeAsync(userId, deviceIds, except, now, cancellationToken);
        await TellAsync(userId, now, cancellationToken);
        return revoked;
    }

    private async Task TellAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var revoked = await devices.RevokedSinceAsync(userId, now - IDeviceRevocations.Window, cancellationToken);
        if (revoked.Count > 0) await grains.GetGrain<IAccountGrain>(userId).SignOutDevices(revoked);
    }
}

/// <summary>A device whose refresh token was just rotated, with its new one.</summary>
public sealed record Refreshed(Device Device, string RefreshToken);
