using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Testing;
using Xunit.Abstractions;

namespace DeepWorkMap.UnitTests.Geo;

/// <summary>
/// The public position is a function of the venue's cell and the deployment's key; it lies at least 100 m from every
/// venue of its cell, and no weighted mean of the points of venues within 50 m of one place comes within 100 m of it,
/// for places anywhere in their cells (corners and edges included) and anywhere on Earth outside the polar caps.
/// Brute force, with distances and bearings by <see cref="Oracle"/>, not by the code under test.
/// </summary>
public sealed class PublicPositionTests(ITestOutputHelper output)
{
    private static readonly PublicPositionKey[] Keys = [.. Enumerable.Range(0, 8).Select(_ => PublicPositionKey.NewRandom())];

    [Fact]
    public void No_point_of_a_cell_lies_farther_from_its_centre_than_the_reach_the_offsets_are_sized_for()
    {
        var grid = PublicPosition.Cells;
        var farthest = 0.0;
        // Every cell of a row has the same shape: one per row, every row from pole to pole.
        for (var row = 0; row < grid.Rows; row++)
        {
            var (south, west, north, east) = grid.BoundsOf(grid.Key(row, 0));
            var (lat, lng) = ((south + north) / 2, (west + east) / 2);
            foreach (var (cornerLat, cornerLng) in new[] { (south, west), (south, east), (north, west), (north, east) })
                farthest = Math.Max(farthest, Oracle.DistanceKm(lat, lng, cornerLat, cornerLng) * 1000);
        }
        output.WriteLine($"The farthest point of a cell from its centre: {farthest:F1} m");
        Assert.InRange(farthest, 140, PublicPosition.CellReachMetres);
        Assert.True(PublicPosition.MinOffsetMetres - PublicPosition.CellReachMetres >= PublicPosition.GuaranteeMetres);
        Assert.InRange(PublicPosition.AboutMetres, PublicPosition.FarthestMetres, PublicPosition.FarthestMetres + 10);
    }

    [Fact]
    public void Every_venue_of_a_cell_shows_one_point_at_least_100_m_from_it_anywhere_on_Earth()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var key = Keys[i % Keys.Length];
            var cell = RandomCell(random, i);
            var shown = new HashSet<(double, double)>();
            for (var v = 0; v < 12; v++)
            {
                var (lat, lng) = CellPlaces.In(cell, random);
                var (publicLat, publicLng) = PublicPosition.Of(lat, lng, key);
                Assert.InRange(publicLat, -90, 90);
                Assert.InRange(publicLng, -180, 180);
                var metres = Oracle.DistanceKm(lat, lng, publicLat, publicLng) * 1000;
                Assert.True(metres >= PublicPosition.GuaranteeMetres && metres <= PublicPosition.FarthestMetres,
                    $"({lat}, {lng}) shows at ({publicLat}, {publicLng}), {metres:F1} m away");
                shown.Add((publicLat, publicLng));
            }
            Assert.Single(shown);
        }
    }

    [Fact]
    public void No_weighted_mean_of_the_points_of_venues_within_50_m_of_a_place_lies_within_100_m_of_it_whatever_the_key()
    {
        // Whatever the key: every point each cell could show (its offset anywhere in the sector and the lengths, at the
        // extremes that bound the set), for many secret bearings. All means lie in the hull of these points.
        var random = new Random(11);
        var closest = double.MaxValue;
        for (var i = 0; i < 4000; i++)
        {
            var (lat, lng) = PlaceOutsideThePolarCaps(random, i);
            var centres = CellsWithin50Metres(lat, lng, random).Select(cell => Centre(PublicPosition.Cells.BoundsOf(cell))).ToList();
            for (var b = 0; b < 6; b++)
            {
                var sector = random.NextDouble() * 360;
                var possible = centres.SelectMany(c => ExtremesOfTheOffsets(sector).Select(o => Oracle.Destination(c.Lat, c.Lng, o.Bearing, o.Metres / 1000)));
                var metres = Averaging.HullMetres(lat, lng, possible);
                closest = Math.Min(closest, metres);
                Assert.True(metres >= PublicPosition.GuaranteeMetres,
                    $"with the sector at {sector:F1}°, a weighted mean of the points of {centres.Count} cells could lie {metres:F1} m from ({lat}, {lng})");
            }
        }
        // The numbers are not loose by much: somewhere the worst case comes within 20 m of the guarantee.
        output.WriteLine($"The closest any weighted mean could come: {closest:F1} m");
        Assert.InRange(closest, PublicPosition.GuaranteeMetres, PublicPosition.GuaranteeMetres + 20);
    }

    [Fact]
    public void No_weighted_mean_of_the_points_of_venues_within_50_m_of_a_place_lies_within_100_m_of_it_with_real_keys()
    {
        var random = new Random(13);
        for (var i = 0; i < 3000; i++)
        {
            var key = Keys[i % Keys.Length];
            var (lat, lng) = PlaceOutsideThePolarCaps(random, i);
            var points = CellsWithin50Metres(lat, lng, random).Select(cell => Centre(PublicPosition.Cells.BoundsOf(cell)))
                .Select(c => PublicPosition.Of(c.Lat, c.Lng, key)).ToList();
            var metres = Averaging.HullMetres(lat, lng, points);
            Assert.True(metres >= PublicPosition.GuaranteeMetres, $"a weighted mean of the points of {points.Count} cells lies {metres:F1} m from ({lat}, {lng})");
        }
    }

    [Fact]
    public void The_point_is_a_function_of_the_cell_and_the_key()
    {
        var random = new Random(3);
        var cell = PublicPosition.Cells.BoundsOf(PublicPosition.Cells.TileOf(48.8566, 2.3522));
        var (lat, lng) = CellPlaces.In(cell, random);
        var (otherLat, otherLng) = CellPlaces.In(cell, random);
        var key = Keys[0];
        Assert.Equal(PublicPosition.Of(lat, lng, key), PublicPosition.Of(otherLat, otherLng, key));
        Assert.Equal(PublicPosition.Of(lat, lng, key), PublicPosition.Of(lat, lng, new PublicPositionKey(key.Secret)));
        Assert.NotEqual(PublicPosition.Of(lat, lng, key), PublicPosition.Of(lat, lng, Keys[1]));
        // Across the cell's north edge: the neighbour's point.
        Assert.NotEqual(PublicPosition.Of(lat, lng, key), PublicPosition.Of(cell.North + 1e-7, lng, key));
        Assert.Throws<ArgumentException>(() => new PublicPositionKey(new byte[16]));
    }

    [Fact]
    public void Each_cells_offset_lies_in_the_sector_and_the_lengths_and_they_spread_over_both()
    {
        var random = new Random(5);
        var turns = new List<double>();
        var lengths = new List<double>();
        for (var i = 0; i < 20_000; i++)
        {
            var key = Keys[i % Keys.Length];
            var (lat, lng) = Centre(RandomCell(random, i));
            var (publicLat, publicLng) = PublicPosition.Of(lat, lng, key);
            var metres = Oracle.DistanceKm(lat, lng, publicLat, publicLng) * 1000;
            var turn = Turn(Oracle.Bearing(lat, lng, publicLat, publicLng) - key.SectorBearingDegrees);
            Assert.InRange(metres, PublicPosition.MinOffsetMetres - 0.001, PublicPosition.MaxOffsetMetres + 0.001);
            Assert.InRange(turn, -PublicPosition.SectorHalfWidthDegrees - 1e-6, PublicPosition.SectorHalfWidthDegrees + 1e-6);
            turns.Add(turn);
            lengths.Add(metres);
        }
        Assert.InRange(turns.Min(), -30, -29.9);
        Assert.InRange(turns.Max(), 29.9, 30);
        Assert.InRange(lengths.Min(), PublicPosition.MinOffsetMetres, PublicPosition.MinOffsetMetres + 0.5);
        Assert.InRange(lengths.Max(), PublicPosition.MaxOffsetMetres - 0.5, PublicPosition.MaxOffsetMetres);
        // Keys differ in their sectors.
        Assert.Equal(Keys.Length, Keys.Select(k => Math.Round(k.SectorBearingDegrees, 6)).Distinct().Count());
    }

    /// <summary>The corners of the sector of lengths (and the middle of its far edge): the hull of these holds every offset's, but for a sliver beyond the far edge.</summary>
    private static IEnumerable<(double Bearing, double Metres)> ExtremesOfTheOffsets(double sector)
    {
        foreach (var metres in new[] { PublicPosition.MinOffsetMetres, PublicPosition.MaxOffsetMetres })
        foreach (var turn in new[] { -PublicPosition.SectorHalfWidthDegrees, PublicPosition.SectorHalfWidthDegrees })
            yield return (sector + turn, metres);
        yield return (sector, PublicPosition.MaxOffsetMetres);
    }

    /// <summary>Every cell a venue moved up to 50 m from the place can fall in: found along its rim, 1° apart, and inside it.</summary>
    private static HashSet<string> CellsWithin50Metres(double lat, double lng, Random random)
    {
        var cells = new HashSet<string>();
        for (var s = 0; s < 460; s++)
        {
            var (movedLat, movedLng) = s < 360
                ? Oracle.Destination(lat, lng, s, PublicPosition.MovedVenueMetres / 1000)
                : Oracle.Destination(lat, lng, random.NextDouble() * 360, random.NextDouble() * PublicPosition.MovedVenueMetres / 1000);
            cells.Add(PublicPosition.Cells.TileOf(movedLat, movedLng));
        }
        return cells;
    }

    private static (double Lat, double Lng) PlaceOutsideThePolarCaps(Random random, int i)
    {
        for (var tries = i; ; tries++)
        {
            var (lat, lng) = CellPlaces.In(RandomCell(random, tries), random);
            if (Oracle.DistanceKm(lat, lng, Math.CopySign(90, lat), 0) >= PublicPosition.PolarCapKm) return (lat, lng);
        }
    }

    private static (double Lat, double Lng) Centre((double South, double West, double North, double East) cell) =>
        ((cell.South + cell.North) / 2, (cell.West + cell.East) / 2);

    /// <summary>A cell anywhere: mostly uniform on the sphere, some at the hard places (poles, antimeridian, equator).</summary>
    private static (double South, double West, double North, double East) RandomCell(Random random, int i)
    {
        (double, double)[] hard = [(89.995, 0), (-89.95, 120), (89.9, -45), (-89.98, 60), (89.5, 170), (0, 179.9995), (0, -179.9995), (0.0005, 0.0005), (-60, 179.9999), (85, 10)];
        var (lat, lng) = i % 4 == 0
            ? Oracle.Destination(hard[i / 4 % hard.Length].Item1, hard[i / 4 % hard.Length].Item2, random.NextDouble() * 360, random.NextDouble() * 2)
            : (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180);
        return PublicPosition.Cells.BoundsOf(PublicPosition.Cells.TileOf(lat, lng));
    }

    private static double Turn(double degrees) => ((degrees + 540) % 360) - 180;
}
