namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>ViewPage</c>: every session in the box counted (<c>total</c>), and either a page of them
/// (<c>items</c>, <c>nextCursor</c>) or, where they are too many or the map too far out, <c>clusters</c>.
/// </summary>
public sealed record ViewPage(int Total, IReadOnlyList<SessionDto> Items, string? NextCursor, IReadOnlyList<ClusterDto>? Clusters);
