namespace DeepWorkMap.Contracts.Geo;

/// <summary>
/// A validated viewport search: the box (west may exceed east: the box crosses the antimeridian), the map's zoom,
/// the optional filters, how many sessions to return, and where the previous page ended.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ViewQuery")]
public sealed record ViewQuery(
    [property: Id(0)] double West,
    [property: Id(1)] double South,
    [property: Id(2)] double East,
    [property: Id(3)] double North,
    [property: Id(4)] int Zoom,
    [property: Id(5)] string? SessionType,
    [property: Id(6)] string? Subject,
    [property: Id(7)] string? Status,
    [property: Id(8)] int Limit,
    [property: Id(9)] NearbyCursor? After = null)
{
    /// <summary>Whether a position lies in the box (edges included).</summary>
    public bool Contains(double latitude, double longitude) =>
        latitude >= South && latitude <= North && (West <= East ? longitude >= West && longitude <= East : longitude >= West || longitude <= East);

    /// <summary>No filter narrows the sessions beyond the box (a bucket's count then answers for it).</summary>
    public bool Unfiltered => SessionType is null && Subject is null && Status is null && After is null;
}
