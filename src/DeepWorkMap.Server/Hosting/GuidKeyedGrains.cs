using DeepWorkMap.Grains;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// References to the grains of one Guid-keyed interface, for the front door's per-message and per-renewal calls, built
/// from the id by <see cref="GrainLookup"/>: at 1,000 msgs/s in, account references made the ordinary way were 0.7 KiB of
/// the 13 a message cost the server (docs/benchmarks.md, chat fan-out).
/// </summary>
public class GuidKeyedGrains<TGrain>(IGrainFactory grains) where TGrain : IGrainWithGuidKey
{
    public TGrain Get(Guid id) => grains.GetGrainFast<TGrain>(id);
}
