namespace DeepWorkMap.Grains.Geo;

/// <summary>Great-circle distance on a sphere of radius 6371.0088 km (docs/api.md).</summary>
public static class Haversine
{
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = DegreesToRadians(lat2 - lat1);
        var dLng = DegreesToRadians(lng2 - lng1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(DegreesToRadians(lat1)) * Math.Cos(DegreesToRadians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    public static double RadiansToDegrees(double radians) => radians * 180 / Math.PI;
}
