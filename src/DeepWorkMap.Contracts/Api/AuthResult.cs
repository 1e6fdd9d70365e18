namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// A signed-in device: the short-lived access token (<see cref="Token"/>, sent as <c>Authorization: Bearer</c>) and the
/// refresh token that gets the next one from <c>POST /api/auth/refresh</c>, once.
/// </summary>
public sealed record AuthResult(string Token, DateTimeOffset ExpiresAt, UserDto User)
{
    public string RefreshToken { get; init; } = "";

    public DateTimeOffset RefreshExpiresAt { get; init; }

    /// <summary>This device's id, as <c>GET /api/me/devices</c> lists it.</summary>
    public Guid DeviceId { get; init; }
}
