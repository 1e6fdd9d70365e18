using System.Globalization;
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

    /// <summary>Formatted straight into UTF-8: a list of sessions writes four times each, and no string is needed.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[32];
        if (!value.UtcDateTime.TryFormat(utf8, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            throw new JsonException($"The time {value:O} does not fit the format.");
        writer.WriteStringValue(utf8[..written]);
    }
}
