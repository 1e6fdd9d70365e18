using System.Security.Claims;
using DeepWorkMap.Grains;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// OWASP's device cookies: a successful login leaves a signed token naming the account (a JWT for a separate audience, so
/// it is no bearer token) in an HttpOnly cookie that only <c>/api/auth</c> receives; a later login to that account that
/// brings it back is counted as that device's own (<see cref="LoginBackoff"/>), so failures elsewhere never hold it out.
/// One cookie per account (<c>dwm_device_&lt;account id&gt;</c>), signed with <c>Jwt:SigningKey</c>.
/// </summary>
public sealed class LoginDevices(JwtSettings jwt, IOptions<AccountLimits> limits, Clock clock)
{
    public const string CookiePrefix = "dwm_device_";
    public const string CookiePath = "/api/auth";
    private const string DeviceClaim = "device";

    private readonly JsonWebTokenHandler _handler = new();

    private string Audience => jwt.Audience + ":device";

    public static string CookieOf(Guid accountId) => CookiePrefix + accountId.ToString("N");

    /// <summary>The id of the device whose valid cookie for <paramref name="accountId"/> the request carries, or null.</summary>
    public async Task<string?> ReadAsync(HttpRequest request, Guid accountId)
    {
        if (!request.Cookies.TryGetValue(CookieOf(accountId), out var token) || string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = jwt.SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } expiry && expiry > clock.GetUtcNow().UtcDateTime,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || !result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var subject) || subject as string != accountId.ToString()) return null;
        return result.Claims.TryGetValue(DeviceClaim, out var device) ? device as string : null;
    }

    /// <summary>Gives the browser a new cookie for <paramref name="accountId"/>: this device signed in to it.</summary>
    public void Issue(HttpContext http, Guid accountId)
    {
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromDays(limits.Value.LoginDeviceDays);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, accountId.ToString()),
                new Claim(DeviceClaim, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(jwt.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        http.Response.Cookies.Append(CookieOf(accountId), token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            MaxAge = lifetime,
            IsEssential = true,
        });
    }
}
