using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// The deployment's secret behind every public position: 32 random bytes, made once and kept for good, the same on
/// every silo (docs/operations.md). From it come the secret bearing all offsets lie near and each cell's own draw,
/// through HMAC-SHA256, so nobody without it can tell a cell's offset from its position.
/// </summary>
public sealed class PublicPositionKey
{
    public const int Length = 32;

    // Cell keys start with the cloaking grid's letter and a digit, so this label is never a cell's.
    private const string SectorLabel = "sector";

    private readonly byte[] _secret;

    public PublicPositionKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != Length) throw new ArgumentException($"A public position key is {Length} bytes, not {secret.Length}.", nameof(secret));
        _secret = secret.ToArray();
        SectorBearingDegrees = Draw(SectorLabel).First * 360;
    }

    /// <summary>A fresh random key: what a new deployment stores, and embedded mode's for the life of its process.</summary>
    public static PublicPositionKey NewRandom() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The bytes, to be stored.</summary>
    public ReadOnlySpan<byte> Secret => _secret;

    /// <summary>The middle of the sector every offset's bearing lies in, degrees clockwise from north.</summary>
    public double SectorBearingDegrees { get; }

    /// <summary>Two numbers in [0, 1), uniform and independent, that only this key gives <paramref name="label"/>.</summary>
    public (double First, double Second) Draw(string label)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(label), hash);
        return (Unit(hash[..8]), Unit(hash[8..16]));
    }

    // The top 53 bits of 8 bytes: a double in [0, 1) with every value equally likely.
    private static double Unit(ReadOnlySpan<byte> bytes) => (BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 11) * (1.0 / (1UL << 53));
}
