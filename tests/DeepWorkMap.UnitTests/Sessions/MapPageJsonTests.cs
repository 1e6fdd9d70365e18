using System.Buffers;
using System.Text;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>
/// The map's pages are written by hand (MapPageJson) for speed; what a client reads must stay exactly what the
/// serializer wrote for docs/api.md's <c>MapSession</c>: the same bytes, field for field, escapes and numbers included.
/// </summary>
public sealed class MapPageJsonTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 14, 20, 47, 123, TimeSpan.FromHours(1));

    private static MapSessionDto Session(string title, double latitude, double longitude, double? distanceKm) => new(
        Guid.Parse("e96fd289-b52d-4f15-873d-06b2bb07e0cf"), title, "Maths & <Physik>", "exam-prep", "starting-soon", latitude, longitude,
        Start, Start.AddMinutes(90.5), 12, 3)
    {
        DistanceKm = distanceKm,
    };

    private static readonly MapSessionDto[] Items =
    [
        Session("Lineare Algebra – Übung \"B\" 🎓", 52.512327828213735, 13.426497983024205, 1.7),
        Session("</script><script>alert(1)</script>", -33.9, 151, 0),
        Session("Tab\there, newline\nthere, backslash \\", 0, -179.99999999999997, null),
    ];

    [Fact]
    public void A_nearby_or_area_page_is_what_the_serializer_writes()
    {
        foreach (var page in new[] { new MapSessionPage(Items, "MTc5NjUwNzgyNTAwMC5lOTVh"), new MapSessionPage(Items, null), new MapSessionPage([], null) })
            Assert.Equal(JsonSerializer.Serialize(page, SessionListJson.Default.MapSessionPage), Written(json => MapPageJson.Write(json, page)));
    }

    [Fact]
    public void A_view_page_is_what_the_serializer_writes_with_items_or_clusters()
    {
        var clusters = new[] { new ClusterDto(48.123456789, 11.5, 42, [11.25, 47.9, 11.75, 48.4]), new ClusterDto(-1e-7, 179.5, 1, [179, -0.5, 180, 0]) };
        foreach (var page in new[] { new MapViewPage(3, Items, "abc", null), new MapViewPage(43, [], null, clusters) })
            Assert.Equal(JsonSerializer.Serialize(page, SessionListJson.Default.MapViewPage), Written(json => MapPageJson.Write(json, page)));
    }

    [Fact]
    public void Positions_and_distances_are_written_as_the_serializer_writes_them()
    {
        // The page's coordinates and distances are written from integers when they have at most six decimals (every
        // shown position and distance has); the serializer's shortest round-trip text is what they must equal, whatever
        // the value.
        var random = new Random(31);
        double[] edges = [0, 1e-6, -1e-6, 0.000999, 0.001, -0.001, 0.5, -0.5, 1, 90, -90, 180, -180, 179.999999, -179.999999, 52.52, 13.405, 0.1 + 0.2];
        var values = edges.Concat(edges.Select(ShownCoordinates.Of))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => ShownCoordinates.Of(random.NextDouble() * 360 - 180)))
            .Concat(Enumerable.Range(0, 2_000).Select(_ => random.NextDouble() * 360 - 180)) // unrounded: the serializer's path
            .Concat(Enumerable.Range(0, 2_000).Select(_ => ShownCoordinates.Of((random.NextDouble() - 0.5) * 0.01)))
            .ToList();
        for (var i = 0; i < values.Count; i += 50)
        {
            var chunk = values.Skip(i).Take(50).Select((v, k) => Session("x", v, -v, k % 5 == 0 ? null : Math.Round(Math.Abs(v) * 50, k % 2 == 0 ? 1 : 3))).ToList();
            var clusters = values.Skip(i).Take(50).Select(v => new ClusterDto(v, -v, 1, [0, 0, 1, 1])).ToList();
            var page = new MapViewPage(chunk.Count, chunk, null, clusters);
            Assert.Equal(JsonSerializer.Serialize(page, SessionListJson.Default.MapViewPage), Written(json => MapPageJson.Write(json, page)));
        }
    }

    [Fact]
    public void A_shown_coordinate_has_at_most_six_decimals_and_is_never_negative_zero()
    {
        Assert.Equal(52.512328, ShownCoordinates.Of(52.512327828213735));
        Assert.Equal(-179.999999, ShownCoordinates.Of(-179.99999911));
        Assert.Equal("0", JsonSerializer.Serialize(ShownCoordinates.Of(-1e-7)));
        Assert.Equal("13.405", JsonSerializer.Serialize(ShownCoordinates.Of(13.405000000000001)));
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, MapPageJson.WriterOptions)) write(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
