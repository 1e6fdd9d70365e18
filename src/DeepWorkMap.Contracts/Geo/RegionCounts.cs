namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// A region's part of a viewport count: the tiles it could count from their summaries alone (wholly inside the box,
/// unfiltered, none of their sessions over), and the tiles with sessions that must count for themselves.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.RegionCounts")]
public sealed record RegionCounts(
    [property: Id(0)] IReadOnlyList<BucketCount> Counted,
    [property: Id(1)] IReadOnlyList<string> ToCount);
