using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// A hub argument sent exactly as written, such as <c>"\ud800"</c> (valid JSON, but not text), which System.Text.Json
/// refuses to write from a string: what a client that does not check what it sends may send.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record RawJson(string Json)
{
    /// <summary>The JSON string <c>"\ud800"</c>: a lone high surrogate.</summary>
    public static RawJson LoneSurrogate { get; } = new("\"\\ud800\"");

    private sealed class Converter : JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("RawJson is only ever sent.");

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json, skipInputValidation: true);
    }
}
