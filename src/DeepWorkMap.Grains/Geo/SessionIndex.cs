using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>Keeps a session's entry in the fine and the coarse tile of its place.</summary>
public static class SessionIndex
{
    public static Task Publish(IGrainFactory grains, SessionSnapshot session) =>
        Task.WhenAll(TilesOf(session).Select(tile => grains.GetGrain<IGeoCellGrain>(tile).Upsert(session)));

    public static Task Withdraw(IGrainFactory grains, SessionSnapshot session) =>
        Task.WhenAll(TilesOf(session).Select(tile => grains.GetGrain<IGeoCellGrain>(tile).Remove(session.Id)));

    private static string[] TilesOf(SessionSnapshot session)
    {
        var (fine, coarse) = GeoGrid.TilesOf(session.Latitude, session.Longitude);
        return [fine, coarse];
    }
}
