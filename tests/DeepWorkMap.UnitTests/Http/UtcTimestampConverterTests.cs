using System.Text.Json;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.UnitTests.Http;

/// <summary>docs/api.md's times: ISO-8601 UTC with a Z and milliseconds, whatever the offset they were made in.</summary>
public sealed class UtcTimestampConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcTimestampConverter() } };

    [Theory]
    [InlineData("2026-11-22T15:00:00+01:00", "\"2026-11-22T14:00:00.000Z\"")]
    [InlineData("2026-03-29T01:59:59.1234567Z", "\"2026-03-29T01:59:59.123Z\"")]
    [InlineData("0001-01-01T00:00:00Z", "\"0001-01-01T00:00:00.000Z\"")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "\"9999-12-31T23:59:59.999Z\"")]
    public void Times_are_written_in_UTC_with_milliseconds(string given, string written) =>
        Assert.Equal(written, JsonSerializer.Serialize(DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture), Options));

    [Fact]
    public void A_written_time_reads_back_as_it_was_to_the_millisecond()
    {
        var time = new DateTimeOffset(2026, 11, 27, 21, 18, 12, 345, TimeSpan.FromHours(-5));
        Assert.Equal(time, JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(time, Options), Options));
    }

    [Fact]
    public void A_time_without_its_offset_is_refused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>("\"2026-11-22T14:00:00\"", Options));
}
