using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Testing;

/// <summary>
/// Brute force: every known session, each checked on its own. Its distance is computed independently of
/// the production code (spherical law of cosines via vectors, not the haversine form) on the same sphere.
/// </summary>
public static class Oracle
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1, double lng1, double lat2, double lng2)
    {
        static (double X, double Y, double Z) Vector(double lat, double lng)
        {
            var (phi, lambda) = (lat * Math.PI / 180, lng * Math.PI / 180);
            return (Math.Cos(phi) * Math.Cos(lambda), Math.Cos(phi) * Math.Sin(lambda), Math.Sin(phi));
        }
        var a = Vector(lat1, lng1);
        var b = Vector(lat2, lng2);
        var cross = (a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);
        var sine = Math.Sqrt(cross.Item1 * cross.Item1 + cross.Item2 * cross.Item2 + cross.Item3 * cross.Item3);
        var cosine = a.X * b.X + a.Y * b.Y + a.Z * b.Z;
        return Math.Atan2(sine, cosine) * EarthRadiusKm;
    }

    public static List<(Guid Id, double DistanceKm)> Nearby(IEnumerable<SessionSnapshot> sessions, NearbyQuery query, DateTimeOffset now) => sessions
        .Select(s => (Session: s, Status: SessionLifecycle.StatusAt(s.StartTime, s.EndTime, now), Distance: DistanceKm(query.Latitude, query.Longitude, s.Latitude, s.Longitude)))
        .Where(x => x.Status != SessionStatuses.Finished
                    && x.Distance <= query.RadiusKm
                    && (query.Status is null || x.Status == query.Status)
                    && (query.SessionType is null || x.Session.SessionType == query.SessionType)
                    && (query.Subject is null || string.Equals(x.Session.Subject, query.Subject, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(x => x.Session.StartTime).ThenBy(x => x.Session.Id)
        .Take(query.Limit)
        .Select(x => (x.Session.Id, x.Distance))
        .ToList();

    /// <summary>Every matching session inside the box (west above east: across the antimeridian), in start order.</summary>
    public static List<Guid> InView(IEnumerable<SessionSnapshot> sessions, ViewQuery query, DateTimeOffset now) => sessions
        .Select(s => (Session: s, Status: SessionLifecycle.StatusAt(s.StartTime, s.EndTime, now)))
        .Where(x => x.Status != SessionStatuses.Finished
                    && (query.After is not { } after || x.Session.StartTime > after.StartTime
                        || (x.Session.StartTime == after.StartTime && x.Session.Id.CompareTo(after.Id) > 0))
                    && x.Session.Latitude >= query.South && x.Session.Latitude <= query.North
                    && (query.West <= query.East
                        ? x.Session.Longitude >= query.West && x.Session.Longitude <= query.East
                        : x.Session.Longitude >= query.West || x.Session.Longitude <= query.East)
                    && (query.Status is null || x.Status == query.Status)
                    && (query.SessionType is null || x.Session.SessionType == query.SessionType)
                    && (query.Subject is null || string.Equals(x.Session.Subject, query.Subject, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(x => x.Session.StartTime).ThenBy(x => x.Session.Id)
        .Select(x => x.Session.Id)
        .ToList();

    /// <summary>The point <paramref name="distanceKm"/> from a start along a bearing (degrees), on the sphere.</summary>
    public static (double Lat, double Lng) Destination(double lat, double lng, double bearingDegrees, double distanceKm)
    {
        var delta = distanceKm / EarthRadiusKm;
        var theta = bearingDegrees * Math.PI / 180;
        var phi1 = lat * Math.PI / 180;
        var lambda1 = lng * Math.PI / 180;
        var phi2 = Math.Asin(Math.Sin(phi1) * Math.Cos(delta) + Math.Cos(phi1) * Math.Sin(delta) * Math.Cos(theta));
        var lambda2 = lambda1 + Math.Atan2(Math.Sin(theta) * Math.Sin(delta) * Math.Cos(phi1), Math.Cos(delta) - Math.Sin(phi1) * Math.Sin(phi2));
        var lng2 = (lambda2 * 180 / Math.PI + 540) % 360 - 180;
        return (Math.Clamp(phi2 * 180 / Math.PI, -90, 90), lng2);
    }

    /// <summary>The initial bearing (degrees clockwise from north) of the great circle from the first point to the second.</summary>
    public static double Bearing(double lat1, double lng1, double lat2, double lng2)
    {
        var (phi1, phi2) = (lat1 * Math.PI / 180, lat2 * Math.PI / 180);
        var dLambda = (lng2 - lng1) * Math.PI / 180;
        var y = Math.Sin(dLambda) * Math.Cos(phi2);
        var x = Math.Cos(phi1) * Math.Sin(phi2) - Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(dLambda);
        return Math.Atan2(y, x) * 180 / Math.PI;
    }
}
