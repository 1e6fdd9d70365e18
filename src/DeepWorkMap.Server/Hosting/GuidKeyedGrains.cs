namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// References to the grains of one Guid-keyed interface. <c>GetGrain&lt;T&gt;(Guid)</c> resolves the grain interface by
/// reading its attributes and parsing type names on every call; this resolves the grain and interface types once and
/// builds each reference from its id. Made for the calls a front door makes per chat message or per renewal: at 1,000
/// msgs/s in, account references alone were 0.7 KiB of the 13 a message cost the server (docs/benchmarks.md, chat fan-out).
/// </summary>
public class GuidKeyedGrains<TGrain>(IGrainFactory grains) where TGrain : IGrainWithGuidKey
{
    private readonly Lazy<(GrainType Grain, GrainInterfaceType Interface)> _types = new(() =>
    {
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>(Guid.Empty);
        return (sample.GrainId.Type, sample.InterfaceType);
    });

    public TGrain Get(Guid id)
    {
        var (grainType, interfaceType) = _types.Value;
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, GrainIdKeyExtensions.CreateGuidKey(id)), interfaceType);
    }
}
