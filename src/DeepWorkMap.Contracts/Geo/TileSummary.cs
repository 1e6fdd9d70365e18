namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// What a map tile shows, in brief: how many sessions, the sums of their public positions (a cluster's centre is their
/// mean) and the earliest end among them (until then, none of them is over and the count stands as it is).
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.TileSummary")]
public sealed record TileSummary(
    [property: Id(0)] int Count,
    [property: Id(1)] double LatitudeSum,
    [property: Id(2)] double LongitudeSum,
    [property: Id(3)] DateTimeOffset EarliestEnd)
{
    public static readonly TileSummary Empty = new(0, 0, 0, DateTimeOffset.MaxValue);
}
