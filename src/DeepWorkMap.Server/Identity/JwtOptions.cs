using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Identity;

/// <summary>The <c>Jwt</c> section. Cluster mode requires <see cref="SigningKey"/>; see <see cref="JwtSettings"/>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HMAC key, at least <see cref="JwtSettings.MinimumKeyBytes"/> bytes, the same on every silo.</summary>
    public string? SigningKey { get; set; }

    [Required] public string Issuer { get; set; } = "deepwork-map";

    [Required] public string Audience { get; set; } = "deepwork-map";

    /// <summary>
    /// How long an access token lives: minutes, since a stolen one can be used until then unless its device is signed
    /// out (see <see cref="AccountGuard"/>). At most 7 days.
    /// </summary>
    [Range(1, 60 * 24 * 7)] public int TokenLifetimeMinutes { get; set; } = 15;

    /// <summary>How long the refresh token of a device kept signed in lives unused; each refresh starts it again.</summary>
    [Range(1, 365)] public int RefreshTokenDays { get; set; } = 30;
}
