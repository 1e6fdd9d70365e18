namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>Cluster</c>: sessions close together at this zoom, shown as one: their mean position, how many,
/// and the area they lie in ([west, south, east, north], to the grid squares that hold them).
/// </summary>
public sealed record ClusterDto(double Latitude, double Longitude, int Count, double[] Bbox);
