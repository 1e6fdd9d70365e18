namespace DeepWorkMap.Contracts.Geo;

/// <summary>Where a page of nearby results ended: its last session's start time and id, the order of the results.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.NearbyCursor")]
public sealed record NearbyCursor(
    [property: Id(0)] DateTimeOffset StartTime,
    [property: Id(1)] Guid Id);
