namespace DeepWorkMap.Contracts.Api;

/// <summary><see cref="ViewPage"/> with its items in the map's form (<c>fields=map</c>).</summary>
public sealed record MapViewPage(int Total, IReadOnlyList<MapSessionDto> Items, string? NextCursor, IReadOnlyList<ClusterDto>? Clusters);
