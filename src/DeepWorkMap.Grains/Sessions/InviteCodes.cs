using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>A private session's invite code: 144 random bits, URL-safe, compared in constant time.</summary>
public static class InviteCodes
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));

    public static bool Matches(string? offered, string? expected) =>
        offered is not null && expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), Encoding.UTF8.GetBytes(expected));
}
