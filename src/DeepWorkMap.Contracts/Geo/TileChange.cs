using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Geo;

/// <summary>A session that came onto a tile's map or changed there (<see cref="Removed"/> false), or left it (true).</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.TileChange")]
public sealed record TileChange(
    [property: Id(0)] SessionSnapshot Session,
    [property: Id(1)] bool Removed);
