namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Where a session shows to everyone but its participants: a point chosen once, at random, between
/// <see cref="MinMetres"/> and <see cref="MaxMetres"/> from the venue, and stored. Every public geo operation
/// (nearby, distances, live maps, the map tiles) uses only this point, so no sequence of queries can narrow
/// the venue below the ring it lies in.
/// </summary>
public static class PublicPosition
{
    public const double MinMetres = 100;
    public const double MaxMetres = 400;

    public static (double Latitude, double Longitude) Around(double latitude, double longitude, Random random)
    {
        var metres = MinMetres + random.NextDouble() * (MaxMetres - MinMetres);
        var bearing = random.NextDouble() * 2 * Math.PI;
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
