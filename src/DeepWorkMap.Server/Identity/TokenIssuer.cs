using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;

namespace DeepWorkMap.Server.Identity;

public sealed class TokenIssuer(JwtSettings settings, Clock clock)
{
    /// <summary>
    /// The issue time to the millisecond (Unix ms): the standard <c>iat</c> has whole seconds, and a token issued in the
    /// second before a password reset must be refused with the rest (see <see cref="IssuedAt"/>).
    /// </summary>
    public const string IssuedAtMillisecondsClaim = "dwm_iat_ms";

    /// <summary>
    /// When a validated token was issued: to the millisecond if it says so, else the end of its <c>iat</c> second (a
    /// token from before the claim existed, issued in the second of a reset, then still passes, as it always did).
    /// </summary>
    public static DateTimeOffset IssuedAt(ClaimsPrincipal principal, DateTime validFrom) =>
        principal.FindFirst(IssuedAtMillisecondsClaim)?.Value is { } ms && long.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var unixMs)
            ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs)
            : new DateTimeOffset(DateTime.SpecifyKind(validFrom, DateTimeKind.Utc)).AddMilliseconds(999);

    /// <summary>When the token behind a hub connection's <paramref name="principal"/> was issued, by its claims alone.</summary>
    public static DateTimeOffset IssuedAt(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(JwtRegisteredClaimNames.Iat)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? IssuedAt(principal, DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime)
            : DateTimeOffset.MinValue;

    /// <summary>The signed-in device the access token was issued to (see <see cref="DeviceSignIns"/>); tokens from before devices have none.</summary>
    public const string DeviceClaim = "dwm_device";

    public static Guid? DeviceOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirst(DeviceClaim)?.Value, out var device) ? device : null;

    /// <summary>An access token for <paramref name="deviceId"/>; <see cref="DeviceSignIns"/> adds the refresh token.</summary>
    public AuthResult Issue(UserAccount account, Guid deviceId)
    {
        var now = clock.GetUtcNow();
        var expires = now + settings.TokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, account.Id.ToString()),
                new Claim("name", account.Username),
                new Claim(DeviceClaim, deviceId.ToString()),
                new Claim(IssuedAtMillisecondsClaim, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
            ]),
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new AuthResult(token, expires, account.ToDto());
    }
}
