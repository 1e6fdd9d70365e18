using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>docs/api.md's order for nearby results: by start time, then id.</summary>
public sealed class SessionOrder : IComparer<SessionSnapshot>
{
    public static readonly SessionOrder Instance = new();

    /// <summary>Nearby hits in their sessions' order.</summary>
    public static readonly IComparer<NearbyHit> Hits = Comparer<NearbyHit>.Create((x, y) => Instance.Compare(x.Session, y.Session));

    public int Compare(SessionSnapshot? x, SessionSnapshot? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byStart = x.StartTime.CompareTo(y.StartTime);
        return byStart != 0 ? byStart : x.Id.CompareTo(y.Id);
    }
}
