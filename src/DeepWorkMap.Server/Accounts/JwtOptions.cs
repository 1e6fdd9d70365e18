using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The <c>Jwt</c> section. Cluster mode requires <see cref="SigningKey"/>; see <see cref="JwtSettings"/>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HMAC key, at least <see cref="JwtSettings.MinimumKeyBytes"/> bytes, the same on every silo.</summary>
    public string? SigningKey { get; set; }

    [Required] public string Issuer { get; set; } = "deepwork-map";

    [Required] public string Audience { get; set; } = "deepwork-map";

    /// <summary>At most 7 days: a token cannot be taken back before it expires.</summary>
    [Range(1, 60 * 24 * 7)] public int TokenLifetimeMinutes { get; set; } = 12 * 60;
}
