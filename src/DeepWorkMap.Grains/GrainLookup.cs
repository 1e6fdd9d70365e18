namespace DeepWorkMap.Grains;

/// <summary>
/// <c>GetGrain</c> for the hot search paths. Orleans' <c>GetGrain&lt;T&gt;(key)</c> works out the interface's grain
/// interface type from its attributes, by reflection, on every call (GrainInterfaceTypeResolver keeps no cache): 5% of a
/// nearby search's CPU, which asks a region and up to four tiles. The two type names never change while the process
/// runs, so they are taken once per interface from the first reference made the ordinary way.
/// </summary>
public static class GrainLookup
{
    public static T GetGrainFast<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        if (Resolved<T>.Types is not { } types)
        {
            var first = grains.GetGrain<T>(key);
            var reference = (GrainReference)(object)first;
            Resolved<T>.Types = new TypeNames(reference.GrainId.Type, reference.InterfaceType);
            return first;
        }
        return (T)grains.GetGrain(GrainId.Create(types.GrainType, key), types.InterfaceType);
    }

    // A reference, not a struct: threads racing to fill it publish it whole, so none reads one name without the other.
    private sealed record TypeNames(GrainType GrainType, GrainInterfaceType InterfaceType);

    private static class Resolved<T>
    {
        public static TypeNames? Types;
    }
}
