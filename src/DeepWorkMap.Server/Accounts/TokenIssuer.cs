using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;

namespace DeepWorkMap.Server.Accounts;

public sealed class TokenIssuer(JwtSettings settings, Clock clock)
{
    public AuthResult Issue(UserAccount account)
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
            ]),
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new AuthResult(token, expires, account.ToDto());
    }
}
