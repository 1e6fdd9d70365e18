using Orleans.Concurrency;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Live;

/// <summary>
/// A front door watching map regions for its clients' live maps. A region pushes every change its tiles report,
/// naming the tile, so the front door can route to the connections whose area holds the session.
/// </summary>
[Alias("DeepWorkMap.IAreaObserver")]
public interface IAreaObserver : IGrainObserver
{
    /// <summary>A session appeared in the tile, or its status or seat count changed.</summary>
    [OneWay, Alias("TileSessionChanged")] Task TileSessionChanged(string tile, SessionSnapshot session);

    /// <summary>A session left the tile: it finished or was ended.</summary>
    [OneWay, Alias("TileSessionRemoved")] Task TileSessionRemoved(string tile, SessionSnapshot session);
}
