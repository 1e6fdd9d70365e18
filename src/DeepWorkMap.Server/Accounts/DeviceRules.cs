namespace DeepWorkMap.Server.Accounts;

/// <summary>The fixed rules of signed-in devices (docs/api.md, "Devices"); the refresh lifetime is <c>Jwt:RefreshTokenDays</c>.</summary>
public static class DeviceRules
{
    /// <summary>Live devices per account; signing in beyond it signs out the least recently used, so a login loop cannot grow the table.</summary>
    public const int MaxLivePerAccount = 50;

    /// <summary>How long a device without "Keep me signed in" may go without a refresh: a tab left for a day signs in again.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(1);

    /// <summary>A signed-out or expired device's row is deleted this long after, at the account's next sign-in.</summary>
    public static readonly TimeSpan KeptAfterDeath = TimeSpan.FromDays(7);

    public const int MaxUserAgentLength = 256;

    /// <summary>How long the next refresh token of a device lives.</summary>
    public static TimeSpan RefreshLifetime(bool keepSignedIn, TimeSpan kept) => keepSignedIn ? kept : SessionLifetime;

    /// <summary>The request's user agent, cut to a length worth showing; null without one.</summary>
    public static string? UserAgentOf(HttpRequest request) =>
        request.Headers.UserAgent.ToString() is { Length: > 0 } agent
            ? new string([.. agent.Take(MaxUserAgentLength).Where(c => !char.IsControl(c))])
            : null;
}
