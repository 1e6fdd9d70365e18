using System.Security.Cryptography;
using System.Buffers.Text;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// The key pair pushes are signed with (VAPID, RFC 8292), or none: a cluster without <c>Push:VapidPublicKey</c> offers no
/// push (one generated per process would not match the key another front door's page subscribed with). Embedded mode,
/// one process, makes a pair at start-up when none is configured.
/// </summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey, string Subject)
{
    public const int PublicKeyBytes = 65;
    public const int PrivateKeyBytes = 32;

    public static VapidKeys Generate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(Base64Url.EncodeToString([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url.EncodeToString(parameters.D!), subject);
    }

    /// <summary>Whether <paramref name="publicKey"/> is the public half of <paramref name="privateKey"/> (both base64url, P-256).</summary>
    public static bool IsPair(string publicKey, string privateKey)
    {
        try
        {
            var q = Base64Url.DecodeFromChars(publicKey);
            var d = Base64Url.DecodeFromChars(privateKey);
            if (q.Length != PublicKeyBytes || q[0] != 0x04 || d.Length != PrivateKeyBytes) return false;
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            var derived = key.ExportParameters(includePrivateParameters: false).Q;
            return derived.X!.AsSpan().SequenceEqual(q.AsSpan(1, 32)) && derived.Y!.AsSpan().SequenceEqual(q.AsSpan(33, 32));
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A <c>mailto:</c> or <c>https:</c> address, as push services require of the VAPID subject.</summary>
    public static bool IsSubject(string? subject) =>
        Uri.TryCreate(subject, UriKind.Absolute, out var uri) && (uri.Scheme == "mailto" || uri.Scheme == Uri.UriSchemeHttps);
}
