namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// A validated nearby search: the circle, the optional filters, how many to return, and where the previous
/// page ended (<see cref="After"/>: only sessions after it in start order, then id).
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.NearbyQuery")]
public sealed record NearbyQuery(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] double RadiusKm,
    [property: Id(3)] string? SessionType,
    [property: Id(4)] string? Subject,
    [property: Id(5)] string? Status,
    [property: Id(6)] int Limit,
    [property: Id(7)] NearbyCursor? After = null);
