using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>Whether one session answers a viewport search at a given instant: inside the box, not over, through the filters.</summary>
public sealed class ViewMatcher(ViewQuery query, DateTimeOffset now) : IPlaceTest
{
    public SessionSnapshot? Match(SessionSnapshot session)
    {
        if (query.After is { } after && (session.StartTime < after.StartTime || (session.StartTime == after.StartTime && session.Id.CompareTo(after.Id) <= 0)))
            return null;
        if (!query.Contains(session.Latitude, session.Longitude)) return null;
        var status = SessionLifecycle.StatusAt(session.StartTime, session.EndTime, now);
        if (SessionStatuses.IsOver(status)) return null;
        if (query.Status is not null && query.Status != status) return null;
        if (query.SessionType is not null && query.SessionType != session.SessionType) return null;
        if (query.Subject is not null && !string.Equals(query.Subject, session.Subject, StringComparison.OrdinalIgnoreCase)) return null;
        return session.WithStatus(status);
    }

    public bool MayHold(double latitude, double longitude) => query.Contains(latitude, longitude);

    public (double South, double West, double North, double East) Box => (query.South, query.West, query.North, query.East);
}
