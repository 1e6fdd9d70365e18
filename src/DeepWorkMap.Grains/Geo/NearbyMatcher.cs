using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>Whether one session answers a nearby query at a given instant, and at what distance.</summary>
public static class NearbyMatcher
{
    public static NearbyHit? Match(SessionSnapshot session, NearbyQuery query, DateTimeOffset now)
    {
        var status = SessionLifecycle.StatusAt(session.StartTime, session.EndTime, now);
        if (status == SessionStatuses.Finished) return null;
        if (query.Status is not null && query.Status != status) return null;
        if (query.SessionType is not null && query.SessionType != session.SessionType) return null;
        if (query.Subject is not null && !string.Equals(query.Subject, session.Subject, StringComparison.OrdinalIgnoreCase)) return null;

        var distance = Haversine.DistanceKm(query.Latitude, query.Longitude, session.Latitude, session.Longitude);
        if (distance > query.RadiusKm) return null;
        return new NearbyHit(session with { Status = status }, distance);
    }
}
