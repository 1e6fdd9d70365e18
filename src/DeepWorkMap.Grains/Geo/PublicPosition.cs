namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Where a session shows to everyone but its participants, by spatial cloaking. The venue is snapped to a cell of a
/// fixed grid of about 200 m (<see cref="Cells"/>), and every venue in a cell shows the same point: the cell's centre
/// moved by an offset that the deployment's secret (<see cref="PublicPositionKey"/>) alone decides. Nothing is drawn
/// per session, so all sessions at one venue, whoever hosts them and however often, show one point, and averaging
/// them has nothing to average. Every public geo operation (nearby, distances, live maps, the map tiles) uses only
/// this point.
/// <para>
/// The numbers, and why (PublicPositionTests brute-forces them):
/// </para>
/// <list type="bullet">
/// <item>A cell is 200.2 m tall and about as wide (GeoGrid's rows of 0.0018°, split into whole columns), so no point of
/// it lies farther than <see cref="CellReachMetres"/> from its centre.</item>
/// <item>An offset is <see cref="MinOffsetMetres"/> to <see cref="MaxOffsetMetres"/> long, so the point lies at least
/// MinOffset − CellReach = 208 m from every venue of its cell (≥ <see cref="GuaranteeMetres"/>, or a venue near the
/// point would be found exactly), and at most MaxOffset + CellReach = <see cref="FarthestMetres"/>.</item>
/// <item>A venue moved a few metres across a cell edge shows the neighbour cell's point. Were bearings drawn freely
/// per cell, the two offsets could cancel and the mean of the two points land on the venue. So every bearing lies
/// within ±<see cref="SectorHalfWidthDegrees"/>° of one secret bearing for the whole deployment: any weighted mean of
/// offsets is then at least MinOffset · cos 30° long, and any weighted mean of the points of venues within
/// <see cref="MovedVenueMetres"/> of one place lies at least MinOffset · cos 30° − (CellReach + MovedVenue) = 111 m
/// from that place (≥ <see cref="GuaranteeMetres"/>; 340 m would leave 103 m, 350 m keeps a margin). The brute force,
/// over every offset any key could give, finds 112 m.</item>
/// <item>Bearings are measured from local north, whose direction turns quickly near the poles: within
/// <see cref="PolarCapKm"/> of a pole neighbouring cells' sectors turn apart (half a kilometre from the pole a mean
/// can come 88 m close), and only the single-point guarantee holds there.</item>
/// </list>
/// An outsider who hosts sessions of their own learns their cells' offsets, and so which cell another session's
/// point belongs to: what the cloaking reveals anyway (a session of theirs in the same cell shows the same point),
/// and nothing finer. The key must never change: a second key gives every cell a second, independent point.
/// </summary>
public static class PublicPosition
{
    /// <summary>What an outsider is kept from: no public point, and no average of them, lies closer to a venue.</summary>
    public const double GuaranteeMetres = 100;

    /// <summary>Venues this close to one place (a host's map clicks on one café) count as that place when averaged.</summary>
    public const double MovedVenueMetres = 50;

    public const double MinOffsetMetres = 350;
    public const double MaxOffsetMetres = 400;
    public const double SectorHalfWidthDegrees = 30;

    /// <summary>The farthest any point of a cell lies from the cell's centre (141.5 m; PublicPositionTests measures every row).</summary>
    public const double CellReachMetres = 142;

    /// <summary>How far a public point may lie from its venue, at most.</summary>
    public const double FarthestMetres = MaxOffsetMetres + CellReachMetres;

    /// <summary><see cref="FarthestMetres"/> rounded up for people: the calendar (and the page) say a session is "within about" this.</summary>
    public const int AboutMetres = 550;

    /// <summary>Around each pole, neighbouring cells' north directions differ too much for the sector to hold averages off.</summary>
    public const double PolarCapKm = 2;

    /// <summary>The cloaking cells: GeoGrid's roughly square cells, with rows of 0.0018° (200.2 m).</summary>
    public static readonly GeoGrid Cells = new('p', 0.0018);

    /// <summary>The public position of every venue in the cell of (<paramref name="latitude"/>, <paramref name="longitude"/>).</summary>
    public static (double Latitude, double Longitude) Of(double latitude, double longitude, PublicPositionKey key)
    {
        var cell = Cells.TileOf(latitude, longitude);
        var (south, west, north, east) = Cells.BoundsOf(cell);
        var (length, turn) = key.Draw(cell);
        var metres = MinOffsetMetres + length * (MaxOffsetMetres - MinOffsetMetres);
        var bearing = key.SectorBearingDegrees + (2 * turn - 1) * SectorHalfWidthDegrees;
        return Destination((south + north) / 2, (west + east) / 2, bearing, metres);
    }

    /// <summary>
    /// Whether a stored position is the one <see cref="Of"/> gives (to a millimetre: silos on other processors may
    /// round the trigonometry's last bit differently).
    /// </summary>
    public static bool Matches((double Latitude, double Longitude) cloaked, double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lng && Math.Abs(cloaked.Latitude - lat) < 1e-8 && Math.Abs(cloaked.Longitude - lng) < 1e-8;

    private static (double Latitude, double Longitude) Destination(double latitude, double longitude, double bearingDegrees, double metres)
    {
        var bearing = Haversine.DegreesToRadians(bearingDegrees);
        var angular = metres / 1000 / Haversine.EarthRadiusKm;
        var (phi1, lambda1) = (Haversine.DegreesToRadians(latitude), Haversine.DegreesToRadians(longitude));
        var phi2 = Math.Asin(Math.Sin(phi1) * Math.Cos(angular) + Math.Cos(phi1) * Math.Sin(angular) * Math.Cos(bearing));
        var lambda2 = lambda1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(angular) * Math.Cos(phi1), Math.Cos(angular) - Math.Sin(phi1) * Math.Sin(phi2));
        var lng = Haversine.RadiansToDegrees(lambda2);
        // Across the antimeridian the longitude wraps back into [-180, 180].
        lng = ((lng + 540) % 360) - 180;
        return (Math.Clamp(Haversine.RadiansToDegrees(phi2), -90, 90), lng);
    }
}
