namespace DeepWorkMap.Contracts.Geo;

/// <summary>A tile telling its region what it now shows in brief, and which of its sessions changed on the map.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.TileReport")]
public sealed record TileReport(
    [property: Id(0)] string Tile,
    [property: Id(1)] TileSummary Summary,
    [property: Id(2)] IReadOnlyList<TileChange> Changes);
