using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>Whether one session answers a nearby query at a given instant, and at what distance.</summary>
public sealed class NearbyMatcher : IPlaceTest
{
    // Slack on the cheap box test, so only the exact haversine ever decides a session on the rim.
    private const double MarginDegrees = 1e-6;

    private readonly NearbyQuery _query;
    private readonly DateTimeOffset _now;
    private readonly double _latitudeReach;
    private readonly double _longitudeReach;

    public NearbyMatcher(NearbyQuery query, DateTimeOffset now)
    {
        _query = query;
        _now = now;
        var angular = query.RadiusKm / Haversine.EarthRadiusKm;
        _latitudeReach = Haversine.RadiansToDegrees(angular) + MarginDegrees;
        var ratio = Math.Sin(angular) / Math.Cos(Haversine.DegreesToRadians(query.Latitude));
        // A circle that reaches a pole spans every longitude.
        _longitudeReach = Math.Abs(query.Latitude) + _latitudeReach >= 90 || ratio >= 1 || ratio < 0
            ? 360
            : Haversine.RadiansToDegrees(Math.Asin(ratio)) + MarginDegrees;
    }

    public NearbyHit? Match(SessionSnapshot session)
    {
        // The previous pages answered everything up to the cursor.
        if (_query.After is { } after && (session.StartTime < after.StartTime || (session.StartTime == after.StartTime && session.Id.CompareTo(after.Id) <= 0)))
            return null;
        // A box around the circle first: most sessions of a partly covered tile fail it without trigonometry.
        if (!MayHold(session.Latitude, session.Longitude)) return null;

        var status = SessionLifecycle.StatusAt(session.StartTime, session.EndTime, _now);
        if (SessionStatuses.IsOver(status)) return null;
        if (_query.Status is not null && _query.Status != status) return null;
        if (_query.SessionType is not null && _query.SessionType != session.SessionType) return null;
        if (_query.Subject is not null && !string.Equals(_query.Subject, session.Subject, StringComparison.OrdinalIgnoreCase)) return null;

        var distance = Haversine.DistanceKm(_query.Latitude, _query.Longitude, session.Latitude, session.Longitude);
        if (distance > _query.RadiusKm) return null;
        return new NearbyHit(session.WithStatus(status), distance);
    }

    /// <summary>The box around the circle; across the antimeridian, a west above the east.</summary>
    public (double South, double West, double North, double East) Box =>
        _longitudeReach >= 180
            ? (_query.Latitude - _latitudeReach, -180, _query.Latitude + _latitudeReach, 180)
            : (_query.Latitude - _latitudeReach, Wrapped(_query.Longitude - _longitudeReach), _query.Latitude + _latitudeReach, Wrapped(_query.Longitude + _longitudeReach));

    private static double Wrapped(double longitude) => longitude < -180 ? longitude + 360 : longitude > 180 ? longitude - 360 : longitude;

    /// <summary>Whether the position lies in the box around the circle (with a hair of slack: the haversine decides the rim).</summary>
    public bool MayHold(double latitude, double longitude)
    {
        if (Math.Abs(latitude - _query.Latitude) > _latitudeReach) return false;
        if (_longitudeReach >= 180) return true;
        var dLng = Math.Abs(longitude - _query.Longitude);
        return Math.Min(dLng, 360 - dLng) <= _longitudeReach;
    }
}
