namespace DeepWorkMap.Contracts.Api;

/// <summary>A page of nearby or in-area results in the map's form (<c>fields=map</c>), paged as <see cref="SessionPage"/>.</summary>
public sealed record MapSessionPage(IReadOnlyList<MapSessionDto> Items, string? NextCursor);
