using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Testing;

namespace DeepWorkMap.UnitTests.Geo;

/// <summary>The public position lies 100–400 m from the venue, everywhere on the globe, and varies.</summary>
public sealed class PublicPositionTests
{
    public static TheoryData<double, double> Places => new()
    {
        { 48.8566, 2.3522 }, { 0, 179.9999 }, { -33.9, -179.9995 }, { 89.999, 45 }, { -89.9995, -120 }, { 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public void Lies_between_100_and_400_metres_from_the_venue(double latitude, double longitude)
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var (lat, lng) = PublicPosition.Around(latitude, longitude, random);
            Assert.InRange(lat, -90, 90);
            Assert.InRange(lng, -180, 180);
            Assert.InRange(Oracle.DistanceKm(latitude, longitude, lat, lng) * 1000, PublicPosition.MinMetres - 0.01, PublicPosition.MaxMetres + 0.01);
        }
    }

    [Fact]
    public void Points_around_one_venue_spread_in_every_direction()
    {
        var random = new Random(11);
        var points = Enumerable.Range(0, 400).Select(_ => PublicPosition.Around(10, 10, random)).ToList();
        Assert.Contains(points, p => p.Latitude > 10 && p.Longitude > 10);
        Assert.Contains(points, p => p.Latitude > 10 && p.Longitude < 10);
        Assert.Contains(points, p => p.Latitude < 10 && p.Longitude > 10);
        Assert.Contains(points, p => p.Latitude < 10 && p.Longitude < 10);
        Assert.Equal(points.Count, points.Distinct().Count());
    }
}
