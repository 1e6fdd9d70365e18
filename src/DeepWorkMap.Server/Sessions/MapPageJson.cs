using System.Buffers.Text;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// docs/api.md's pages in the map's form (<c>fields=map</c>) written by hand, byte for byte what <see cref="SessionListJson"/>
/// writes for a <see cref="MapSessionPage"/> or a <see cref="MapViewPage"/> (MapPageJsonTests holds them equal, so a field
/// added to the records and not here fails there). The map asks for such a page on every pan; its JSON was about a sixth
/// of the answer's CPU, and a fifth of that was the serializer's general path (a converter, a property getter and a state
/// check per field of each item): here each field is one call with its name encoded once (docs/benchmarks.md).
/// </summary>
public static class MapPageJson
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items"), NextCursor = JsonEncodedText.Encode("nextCursor"),
        Id = JsonEncodedText.Encode("id"), Title = JsonEncodedText.Encode("title"), Subject = JsonEncodedText.Encode("subject"),
        SessionType = JsonEncodedText.Encode("sessionType"), Status = JsonEncodedText.Encode("status"),
        Latitude = JsonEncodedText.Encode("latitude"), Longitude = JsonEncodedText.Encode("longitude"),
        StartTime = JsonEncodedText.Encode("startTime"), EndTime = JsonEncodedText.Encode("endTime"),
        MaxParticipants = JsonEncodedText.Encode("maxParticipants"), CurrentParticipants = JsonEncodedText.Encode("currentParticipants"),
        DistanceKm = JsonEncodedText.Encode("distanceKm"), Total = JsonEncodedText.Encode("total"), Clusters = JsonEncodedText.Encode("clusters"),
        Count = JsonEncodedText.Encode("count"), Bbox = JsonEncodedText.Encode("bbox");

    /// <summary>The writer's settings for an answer: the serializer's (the default encoder, no indentation), without its checks.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static void Write(Utf8JsonWriter json, MapSessionPage page)
    {
        json.WriteStartObject();
        WriteItems(json, page.Items, page.NextCursor);
        json.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter json, MapViewPage page)
    {
        json.WriteStartObject();
        json.WriteNumber(Total, page.Total);
        WriteItems(json, page.Items, page.NextCursor);
        if (page.Clusters is null)
        {
            json.WriteNull(Clusters);
        }
        else
        {
            json.WriteStartArray(Clusters);
            foreach (var cluster in page.Clusters) Write(json, cluster);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter json, IReadOnlyList<MapSessionDto> items, string? nextCursor)
    {
        json.WriteStartArray(Items);
        foreach (var item in items) Write(json, item);
        json.WriteEndArray();
        if (nextCursor is null) json.WriteNull(NextCursor);
        else json.WriteString(NextCursor, nextCursor);
    }

    private static void Write(Utf8JsonWriter json, ClusterDto cluster)
    {
        json.WriteStartObject();
        WriteDecimal(json, Latitude, cluster.Latitude);
        WriteDecimal(json, Longitude, cluster.Longitude);
        json.WriteNumber(Count, cluster.Count);
        json.WriteStartArray(Bbox);
        foreach (var edge in cluster.Bbox) json.WriteNumberValue(edge);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, MapSessionDto item)
    {
        json.WriteStartObject();
        json.WriteString(Id, item.Id);
        json.WriteString(Title, item.Title);
        json.WriteString(Subject, item.Subject);
        json.WriteString(SessionType, item.SessionType);
        json.WriteString(Status, item.Status);
        WriteDecimal(json, Latitude, item.Latitude);
        WriteDecimal(json, Longitude, item.Longitude);
        json.WritePropertyName(StartTime);
        UtcTimestampConverter.WriteValue(json, item.StartTime);
        json.WritePropertyName(EndTime);
        UtcTimestampConverter.WriteValue(json, item.EndTime);
        json.WriteNumber(MaxParticipants, item.MaxParticipants);
        json.WriteNumber(CurrentParticipants, item.CurrentParticipants);
        if (item.DistanceKm is { } distance) WriteDecimal(json, DistanceKm, distance);
        json.WriteEndObject();
    }

    /// <summary>
    /// A number as the serializer writes it (its shortest round-trip text), from integers when it has at most six
    /// decimals, as every shown coordinate (<see cref="ShownCoordinates"/>) and distance (0.1 km) has: its millionths
    /// with a point put in and the trailing zeros dropped. That text has at most 15 significant digits, so it is the
    /// double's shortest round-trip text. The serializer's general path for doubles was the largest share of a map
    /// page's JSON. Any other value (more decimals, or so small the serializer writes an exponent) takes the serializer's.
    /// </summary>
    private static void WriteDecimal(Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        var millionths = Math.Round(value * Millionths);
        if (millionths / Millionths != value || Math.Abs(value) is < 0.001 or > 1_000_000)
        {
            json.WriteNumber(name, value);
            return;
        }
        Span<byte> text = stackalloc byte[16];
        var length = 0;
        if (millionths < 0) text[length++] = (byte)'-';
        var (whole, fraction) = Math.DivRem((long)Math.Abs(millionths), (long)Millionths);
        Utf8Formatter.TryFormat(whole, text[length..], out var written);
        length += written;
        if (fraction != 0)
        {
            text[length++] = (byte)'.';
            for (var divisor = (long)Millionths / 10; fraction != 0; divisor /= 10)
            {
                var (digit, rest) = Math.DivRem(fraction, divisor);
                text[length++] = (byte)('0' + digit);
                fraction = rest;
            }
        }
        json.WritePropertyName(name);
        json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private const double Millionths = 1_000_000; // six decimals: ShownCoordinates.Decimals
}
