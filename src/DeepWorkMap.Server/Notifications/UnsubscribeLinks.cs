using System.Security.Cryptography;
using System.Text;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Web;
using Microsoft.AspNetCore.WebUtilities;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// The one-click unsubscribe token of a notification mail: <c>{user}.{kind}.{signature}</c>, signed with a key derived
/// from <c>Jwt:SigningKey</c> (HKDF, its own purpose), so only this service can make one, it works without signing in, and
/// it stops exactly one kind for exactly one user. It does not expire: a mail read a year later still unsubscribes.
/// Embedded mode's signing key is new in every process, so its links last as long as the process.
/// </summary>
public sealed class UnsubscribeLinks(JwtSettings jwt, PublicLinks links)
{
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, jwt.SigningKey.Key, 32, info: "DeepWork Map one-click unsubscribe"u8.ToArray());

    /// <summary>Where a mail program posts <c>List-Unsubscribe=One-Click</c> (RFC 8058).</summary>
    public string OneClick(Guid userId, string kind) => new Uri(links.Base, $"api/notifications/unsubscribe?token={Token(userId, kind)}").AbsoluteUri;

    /// <summary>The page, asking the reader to confirm (a link scanner's GET must not unsubscribe anyone).</summary>
    public string Page(Guid userId, string kind) => new Uri(links.Base, $"?unsubscribe={Token(userId, kind)}").AbsoluteUri;

    public string Token(Guid userId, string kind) => $"{userId:N}.{kind}.{Signature(userId, kind)}";

    /// <summary>Whose mail of which kind the token stops; null when it is not one this service signed.</summary>
    public (Guid UserId, string Kind)? Read(string? token)
    {
        var parts = token?.Split('.');
        if (parts is not { Length: 3 } || !Guid.TryParseExact(parts[0], "N", out var userId) || !NotificationKinds.All.Contains(parts[1])) return null;
        var expected = Encoding.ASCII.GetBytes(Signature(userId, parts[1]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])) ? (userId, parts[1]) : null;
    }

    private string Signature(Guid userId, string kind) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{userId:N}.{kind}")).AsSpan(0, 16));
}
