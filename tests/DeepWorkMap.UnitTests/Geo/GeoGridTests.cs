using DeepWorkMap.Testing;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.UnitTests.Geo;

/// <summary>The tile covering never misses a tile that holds a point of the circle, anywhere on Earth.</summary>
public sealed class GeoGridTests
{
    private static readonly (double Lat, double Lng)[] HardPlaces =
    [
        (0, 180), (0, -180), (0, 179.999), (65.5, -179.99), (-45, 180), (90, 0), (-90, 0), (89.99, 123), (-89.95, -77),
        (85.0511, 10), (-85.06, 179.9), (0, 0), (0.0001, -0.0001), (48.8566, 2.3522), (71, 179.5), (-60, -179.7),
    ];

    public static IEnumerable<object[]> Grids() => [[GeoGrid.Fine], [GeoGrid.Coarse]];

    [Theory]
    [MemberData(nameof(Grids))]
    public void Every_point_within_the_radius_lies_in_a_covered_tile(GeoGrid grid)
    {
        var random = new Random(4);
        var maxRadius = grid == GeoGrid.Fine ? GeoGrid.FineSearchMaxRadiusKm : 100;
        for (var circle = 0; circle < 3000; circle++)
        {
            var (lat, lng) = circle < HardPlaces.Length * 20
                ? Near(HardPlaces[circle % HardPlaces.Length], random)
                : (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180);
            var radius = random.NextDouble() * maxRadius + 0.001;
            var covered = grid.Cover(lat, lng, radius).ToHashSet();

            for (var p = 0; p < 40; p++)
            {
                // Points inside the circle, many right at its rim where a miss would hide.
                var distance = p % 2 == 0 ? radius * Math.Sqrt(random.NextDouble()) : radius * (1 - 1e-9);
                var (pLat, pLng) = Oracle.Destination(lat, lng, random.NextDouble() * 360, distance);
                Assert.True(covered.Contains(grid.TileOf(pLat, pLng)),
                    $"({pLat}, {pLng}) is {distance} km from ({lat}, {lng}) but its tile {grid.TileOf(pLat, pLng)} is not in the cover of radius {radius}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Grids))]
    public void Coverings_stay_small_everywhere_including_the_poles(GeoGrid grid)
    {
        var maxRadius = grid == GeoGrid.Fine ? GeoGrid.FineSearchMaxRadiusKm : 100;
        var largest = 0;
        for (var lat = -90.0; lat <= 90; lat += 0.25)
            for (var lng = -180.0; lng < 180; lng += 7.3)
                largest = Math.Max(largest, grid.Cover(lat, lng, maxRadius).Count);
        Assert.InRange(largest, 1, 64);
    }

    [Fact]
    public void Tiles_wrap_at_the_antimeridian_and_close_at_the_poles()
    {
        Assert.Equal(GeoGrid.Fine.TileOf(10, 180), GeoGrid.Fine.TileOf(10, -180));
        Assert.Contains(GeoGrid.Fine.TileOf(0, -179.999), GeoGrid.Fine.Cover(0, 179.999, 1));
        var aroundNorthPole = GeoGrid.Coarse.Cover(89.9, 0, 20);
        Assert.All(new[] { -180.0, -90, 0, 45, 179.9 }, lng => Assert.Contains(GeoGrid.Coarse.TileOf(90, lng), aroundNorthPole));
        Assert.All(new[] { -180.0, 0, 179.9 }, lng => Assert.Contains(GeoGrid.Fine.TileOf(-90, lng), GeoGrid.Fine.Cover(-89.99, 100, 2)));
        Assert.InRange(GeoGrid.Fine.ColumnsIn(GeoGrid.Fine.Rows - 1), 1, 6);
    }

    private static (double, double) Near((double Lat, double Lng) place, Random random)
    {
        var lat = Math.Clamp(place.Lat + (random.NextDouble() - 0.5) * 0.2, -90, 90);
        var lng = place.Lng + (random.NextDouble() - 0.5) * 0.2;
        return (lat, lng > 180 ? lng - 360 : lng < -180 ? lng + 360 : lng);
    }
}
