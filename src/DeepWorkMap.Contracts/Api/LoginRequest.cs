namespace DeepWorkMap.Contracts.Api;

public sealed record LoginRequest(string? Login, string? Password)
{
    /// <summary>"Keep me signed in": the device's refresh token lives <c>Jwt:RefreshTokenDays</c> instead of a day.</summary>
    public bool KeepSignedIn { get; init; }
}
