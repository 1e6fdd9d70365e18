using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// docs/api.md writes times as ISO-8601 UTC with a Z (<c>2026-11-22T14:00:00Z</c>). Milliseconds are kept,
/// finer ticks are not: PostgreSQL stores microseconds, and a value must read back as it was written.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>A time without a zone (<c>2026-11-22T14:00:00</c>) is refused rather than read as the server's local time.</summary>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !HasZone(text)) throw new JsonException("A time must carry its offset, e.g. 2026-11-22T14:00:00Z.");
        return reader.GetDateTimeOffset();
    }

    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>
    /// Written digit by digit straight into UTF-8: a list of 50 sessions writes 200 times, and a custom format string,
    /// parsed on every call, took a third of such an answer's serialization (docs/benchmarks.md, nearby over HTTP).
    /// </summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>As <see cref="Write"/>, for writers that write a shape by hand (the map's lists).</summary>
    public static void WriteValue(Utf8JsonWriter writer, DateTimeOffset value)
    {
        var time = value.UtcDateTime;
        Span<byte> utf8 = stackalloc byte[24]; // yyyy-MM-ddTHH:mm:ss.fffZ
        Digits(utf8[..4], time.Year);
        utf8[4] = (byte)'-';
        Digits(utf8.Slice(5, 2), time.Month);
        utf8[7] = (byte)'-';
        Digits(utf8.Slice(8, 2), time.Day);
        utf8[10] = (byte)'T';
        Digits(utf8.Slice(11, 2), time.Hour);
        utf8[13] = (byte)':';
        Digits(utf8.Slice(14, 2), time.Minute);
        utf8[16] = (byte)':';
        Digits(utf8.Slice(17, 2), time.Second);
        utf8[19] = (byte)'.';
        Digits(utf8.Slice(20, 3), time.Millisecond);
        utf8[23] = (byte)'Z';
        writer.WriteStringValue(utf8);
    }

    /// <summary>The value's last <c>into.Length</c> decimal digits, zero-padded (a DateTime's year has at most four).</summary>
    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10) into[i] = (byte)('0' + value % 10);
    }
}
