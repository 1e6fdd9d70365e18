using DeepWorkMap.Grains;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Cryptography;
using System.Text;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// How tokens are signed. Cluster mode needs <c>Jwt:SigningKey</c> (at least 32 bytes, the same on every
/// front door); embedded mode makes a random one per process, so its tokens die with it.
/// </summary>
public sealed class JwtSettings
{
    public const int MinimumKeyBytes = 32;

    public required SymmetricSecurityKey SigningKey { get; init; }
    public required string Issuer { get; init; }
    public required string Audience { get; init; }
    public required TimeSpan TokenLifetime { get; init; }
    public required TimeSpan RefreshTokenLifetime { get; init; }
    public bool KeyIsEphemeral { get; init; }

    /// <summary>
    /// The settings from validated options (AccountsSetup checks the key's presence and length at start-up);
    /// without a key, embedded mode signs with a random one.
    /// </summary>
    public static JwtSettings From(JwtOptions options)
    {
        var configured = options.SigningKey;
        var keyBytes = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetBytes(64) : Encoding.UTF8.GetBytes(configured);

        return new JwtSettings
        {
            SigningKey = new SymmetricSecurityKey(keyBytes),
            Issuer = options.Issuer,
            Audience = options.Audience,
            TokenLifetime = TimeSpan.FromMinutes(options.TokenLifetimeMinutes),
            RefreshTokenLifetime = TimeSpan.FromDays(options.RefreshTokenDays),
            KeyIsEphemeral = string.IsNullOrEmpty(configured),
        };
    }

    /// <summary>
    /// The lifetime of every token of the release before devices (its default <c>Jwt:TokenLifetimeMinutes</c>): such a
    /// token names no device, and stays good for that long while a cluster rolls onto this release.
    /// </summary>
    public static readonly TimeSpan PreviousReleaseLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Token lifetimes are judged by the app's clock, the one that issued them. A token must say when it expires,
    /// and no later than this server would have let it live: a token without <c>exp</c>, or with one far in the
    /// future, is refused even when its signature holds.
    /// </summary>
    public LifetimeValidator LifetimeValidator(Clock clock) => (notBefore, expires, token, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var longest = token is JsonWebToken jwt && !jwt.TryGetPayloadValue<string>(TokenIssuer.DeviceClaim, out _) && PreviousReleaseLifetime > TokenLifetime
            ? PreviousReleaseLifetime
            : TokenLifetime;
        return expires is { } expiry
            && expiry >= now - parameters.ClockSkew
            && expiry <= now + longest + parameters.ClockSkew
            && (notBefore is null || notBefore.Value <= now + parameters.ClockSkew);
    };

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        RequireExpirationTime = true,
        NameClaimType = "name",
    };
}
