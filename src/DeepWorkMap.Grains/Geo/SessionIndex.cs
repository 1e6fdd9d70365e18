using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// Keeps a session's entry in the fine and the coarse tile of its public position. Tiles never hold the venue,
/// nor the description (a search does not show it, and a tile of a dense city would hold thousands), nor the timer's
/// phase (it moves by the clock; the session itself answers it).
/// </summary>
public static class SessionIndex
{
    public static Task Publish(IGrainFactory grains, SessionSnapshot session)
    {
        var shown = session with { Venue = null, Description = null, Phase = null };
        return Task.WhenAll(TilesOf(shown).Select(tile => grains.GetGrainFast<IGeoCellGrain>(tile).Upsert(shown)));
    }

    public static Task Withdraw(IGrainFactory grains, SessionSnapshot session) =>
        Task.WhenAll(TilesOf(session).Select(tile => grains.GetGrainFast<IGeoCellGrain>(tile).Withdraw(session)));

    private static string[] TilesOf(SessionSnapshot session)
    {
        var (fine, coarse) = GeoGrid.TilesOf(session.Latitude, session.Longitude);
        return [fine, coarse];
    }
}
