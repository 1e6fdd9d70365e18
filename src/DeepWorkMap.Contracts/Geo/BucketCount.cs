namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// How many sessions of one bucket of a tile answer a viewport search, the sums of their positions (for a cluster's
/// centre) and the part of the bucket inside the box (for a cluster's extent).
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.BucketCount")]
public sealed record BucketCount(
    [property: Id(0)] int Count,
    [property: Id(1)] double LatitudeSum,
    [property: Id(2)] double LongitudeSum,
    [property: Id(3)] double West,
    [property: Id(4)] double South,
    [property: Id(5)] double East,
    [property: Id(6)] double North);
