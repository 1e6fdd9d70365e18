namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// The map tiles that geo cells index. Rows are bands of equal latitude height; each row is split into
/// as many columns as keep a tile about as wide as it is tall, so tiles stay roughly square from the
/// equator to the poles, where a ring of a few tiles closes the cap (Web-Mercator has no tiles beyond
/// ±85.05° and needs ever more of them towards the poles). Two levels: fine tiles (~20 km) answer circles up
/// to 10 km, coarse tiles (~50 km) larger ones, so no search asks more than a few dozen tiles; inside a fine
/// cell, a third grid (~2.5 km) buckets the sessions so a dense tile is read only where the circle is.
/// </summary>
public sealed class GeoGrid
{
    public static readonly GeoGrid Fine = new('f', 0.18);
    public static readonly GeoGrid Coarse = new('c', 0.45);

    /// <summary>
    /// Inside a fine tile's cell, sessions are kept in buckets of this finer grid (about 2.5 km), so a
    /// search in a dense city reads only the buckets its circle touches instead of the whole tile.
    /// </summary>
    public static readonly GeoGrid Bucket = new('b', 0.0225);

    /// <summary>
    /// Regions (about 500 km at the equator) group the fine and coarse tiles whose centre they hold: a region keeps each
    /// of its tiles' summary, so a search asks a few regions which tiles are worth waking.
    /// </summary>
    public static readonly GeoGrid Region = new('r', 4.5);

    /// <summary>Searches up to this radius use fine tiles; larger ones coarse tiles.</summary>
    public const double FineSearchMaxRadiusKm = 10;

    // Widens every covering by a hair, so a point on a tile edge is never lost to rounding.
    private const double EdgeMarginDegrees = 1e-9;

    private readonly int[] _columns;

    internal GeoGrid(char level, double rowHeightDegrees)
    {
        Level = level;
        RowHeight = rowHeightDegrees;
        Rows = (int)Math.Ceiling(180 / rowHeightDegrees);
        _columns = new int[Rows];
        for (var row = 0; row < Rows; row++)
        {
            var south = -90 + row * RowHeight;
            var north = Math.Min(90, south + RowHeight);
            var nearestEquator = south <= 0 && north >= 0 ? 0 : Math.Min(Math.Abs(south), Math.Abs(north));
            _columns[row] = Math.Max(1, (int)Math.Floor(360 * Math.Cos(Haversine.DegreesToRadians(nearestEquator)) / RowHeight));
        }
    }

    public char Level { get; }

    public double RowHeight { get; }

    public int Rows { get; }

    public static GeoGrid ForRadius(double radiusKm) => radiusKm <= FineSearchMaxRadiusKm ? Fine : Coarse;

    /// <summary>The grid a cell of this grid buckets its sessions by; null: one bucket (coarse cells answer big circles, which fill their limit fast).</summary>
    public GeoGrid? Buckets => this == Fine ? Bucket : null;

    /// <summary>The grid a tile key belongs to (keys start with their level's letter).</summary>
    public static GeoGrid OfTile(string tileKey) => tileKey[0] == Coarse.Level ? Coarse : Fine;

    /// <summary>The grid of a level's letter: 'f' or 'c'.</summary>
    public static GeoGrid OfLevel(char level) => level == Coarse.Level ? Coarse : Fine;

    /// <summary>The region of a fine or coarse tile: the one its centre lies in.</summary>
    public static string RegionOf(string tileKey)
    {
        var grid = OfTile(tileKey);
        var (row, column) = grid.CellOf(tileKey);
        return grid.RegionOf(row, column);
    }

    /// <summary>The regions holding the tiles of this grid that cover the box (each once).</summary>
    public IReadOnlyList<string> RegionsCovering(double south, double west, double north, double east)
    {
        var regions = new HashSet<string>();
        foreach (var (row, column) in CoverBoxCells(south, west, north, east)) regions.Add(RegionOf(row, column));
        return [.. regions];
    }

    /// <summary>The fine and the coarse tiles a region holds (those whose centre lies in it).</summary>
    public static (IReadOnlyList<string> Fine, IReadOnlyList<string> Coarse) TilesOfRegion(string regionKey)
    {
        var (south, west, north, east) = Region.BoundsOf(regionKey);
        IReadOnlyList<string> Of(GeoGrid grid) =>
            grid.CoverBoxCells(south, west, north, east).Where(cell => grid.RegionOf(cell.Row, cell.Column) == regionKey)
                .Select(cell => grid.Key(cell.Row, cell.Column)).ToList();
        return (Of(Fine), Of(Coarse));
    }

    private string RegionOf(int row, int column)
    {
        var south = -90 + row * RowHeight;
        var north = Math.Min(90, south + RowHeight);
        var width = 360.0 / _columns[row];
        return Region.TileOf((south + north) / 2, -180 + (column + 0.5) * width);
    }

    /// <summary>The fine and the coarse tile of a place: where a session is indexed.</summary>
    public static (string Fine, string Coarse) TilesOf(double latitude, double longitude) =>
        (GeoGrid.Fine.TileOf(latitude, longitude), GeoGrid.Coarse.TileOf(latitude, longitude));

    public int ColumnsIn(int row) => _columns[row];

    public string TileOf(double latitude, double longitude)
    {
        var row = RowOf(latitude);
        return Key(row, ColumnOf(row, longitude));
    }

    public string Key(int row, int column) => $"{Level}{row}:{column}";

    /// <summary>Every tile that may hold a point within <paramref name="radiusKm"/> of the centre.</summary>
    public IReadOnlyList<string> Cover(double latitude, double longitude, double radiusKm)
    {
        var angularDegrees = Haversine.RadiansToDegrees(radiusKm / Haversine.EarthRadiusKm);
        var south = latitude - angularDegrees - EdgeMarginDegrees;
        var north = latitude + angularDegrees + EdgeMarginDegrees;
        var containsPole = south <= -90 || north >= 90;

        // The widest longitude reach of a circle that does not contain a pole: asin(sin d / cos lat).
        var reach = containsPole ? 180.0 : LongitudeReach(latitude, angularDegrees);

        var tiles = new List<string>();
        for (var row = RowOf(Math.Max(-90, south)); row <= RowOf(Math.Min(90, north)); row++)
        {
            var columns = _columns[row];
            if (reach >= 180)
            {
                for (var column = 0; column < columns; column++) tiles.Add(Key(row, column));
                continue;
            }
            var width = 360.0 / columns;
            var first = (int)Math.Floor((longitude - reach - EdgeMarginDegrees + 180) / width);
            var last = (int)Math.Floor((longitude + reach + EdgeMarginDegrees + 180) / width);
            var count = Math.Min(columns, last - first + 1);
            for (var i = 0; i < count; i++) tiles.Add(Key(row, Modulo(first + i, columns)));
        }
        return tiles;
    }

    /// <summary>
    /// Every tile that may hold a point of the box. West above east is a box across the antimeridian; a box may
    /// touch a pole, where a row's few tiles close the cap.
    /// </summary>
    public IReadOnlyList<string> CoverBox(double south, double west, double north, double east) =>
        CoverBoxCells(south, west, north, east).Select(cell => Key(cell.Row, cell.Column)).ToList();

    /// <summary>How many tiles <see cref="CoverBox"/> answers, without naming them.</summary>
    public int CountCoverBox(double south, double west, double north, double east) => CoverBoxCells(south, west, north, east).Count();

    private IEnumerable<(int Row, int Column)> CoverBoxCells(double south, double west, double north, double east)
    {
        (double West, double East)[] spans = west <= east ? [(west, east)] : [(west, 180), (-180, east)];
        var taken = new HashSet<int>();
        for (var row = RowOf(south - EdgeMarginDegrees); row <= RowOf(north + EdgeMarginDegrees); row++)
        {
            var columns = _columns[row];
            var width = 360.0 / columns;
            taken.Clear();
            foreach (var span in spans)
            {
                var first = (int)Math.Floor((span.West - EdgeMarginDegrees + 180) / width);
                var last = (int)Math.Floor((span.East + EdgeMarginDegrees + 180) / width);
                for (var column = first; column <= last && taken.Count < columns; column++)
                    if (taken.Add(Modulo(column, columns))) yield return (row, Modulo(column, columns));
            }
        }
    }

    /// <summary>
    /// Whether a tile (its area) may hold a point of the box: the area meets the box widened by the covering's margin
    /// (so every tile <see cref="CoverBox"/> names for the box passes).
    /// </summary>
    public static bool Touches((double South, double West, double North, double East) tile, double south, double west, double north, double east)
    {
        var (tileSouth, tileWest, tileNorth, tileEast) = tile;
        if (tileSouth > north + EdgeMarginDegrees || tileNorth < south - EdgeMarginDegrees) return false;
        bool Meets(double spanWest, double spanEast) => tileWest <= spanEast + EdgeMarginDegrees && tileEast >= spanWest - EdgeMarginDegrees;
        return west <= east ? Meets(west, east) : Meets(west, 180) || Meets(-180, east);
    }

    /// <summary>The area of a tile of this grid: south, west, north, east.</summary>
    public (double South, double West, double North, double East) BoundsOf(string tileKey)
    {
        var (row, column) = CellOf(tileKey);
        var south = -90 + row * RowHeight;
        var width = 360.0 / _columns[row];
        return (south, -180 + column * width, Math.Min(90, south + RowHeight), -180 + (column + 1) * width);
    }

    private (int Row, int Column) CellOf(string tileKey)
    {
        var colon = tileKey.IndexOf(':');
        return (int.Parse(tileKey.AsSpan(1, colon - 1), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(tileKey.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double LongitudeReach(double latitude, double angularDegrees)
    {
        var ratio = Math.Sin(Haversine.DegreesToRadians(angularDegrees)) / Math.Cos(Haversine.DegreesToRadians(latitude));
        return ratio >= 1 ? 180 : Haversine.RadiansToDegrees(Math.Asin(ratio));
    }

    private int RowOf(double latitude) => Math.Clamp((int)Math.Floor((latitude + 90) / RowHeight), 0, Rows - 1);

    private int ColumnOf(int row, double longitude)
    {
        if (longitude >= 180) longitude -= 360; // 180 and -180 are one meridian
        var columns = _columns[row];
        return Modulo((int)Math.Floor((longitude + 180) / (360.0 / columns)), columns);
    }

    private static int Modulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
