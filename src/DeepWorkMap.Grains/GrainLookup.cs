namespace DeepWorkMap.Grains;

/// <summary>
/// <c>GetGrain</c> for the hot paths. Orleans' <c>GetGrain&lt;T&gt;(key)</c> works out the interface's grain interface type
/// from its attributes, by reflection, on every call (GrainInterfaceTypeResolver keeps no cache): 5% of a nearby search's
/// CPU, which asks a region and up to four tiles, and 6–8.5% of a join's or a promoting leave's, which reach map tiles,
/// account, user and quota grains. The two type names never change while the process runs, so they are taken once per
/// interface from the first reference made the ordinary way, and each reference after it is built from its key.
/// </summary>
public static class GrainLookup
{
    public static T GetGrainFast<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        Resolved<T>.Types is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.GrainType, key), types.InterfaceType)
            : Remember(grains.GetGrain<T>(key));

    public static T GetGrainFast<T>(this IGrainFactory grains, Guid key) where T : IGrainWithGuidKey =>
        Resolved<T>.Types is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.GrainType, GrainIdKeyExtensions.CreateGuidKey(key)), types.InterfaceType)
            : Remember(grains.GetGrain<T>(key));

    private static T Remember<T>(T first) where T : IAddressable
    {
        var reference = (GrainReference)(object)first;
        Resolved<T>.Types = new TypeNames(reference.GrainId.Type, reference.InterfaceType);
        return first;
    }

    // A reference, not a struct: threads racing to fill it publish it whole, so none reads one name without the other.
    private sealed record TypeNames(GrainType GrainType, GrainInterfaceType InterfaceType);

    private static class Resolved<T>
    {
        public static TypeNames? Types;
    }
}
