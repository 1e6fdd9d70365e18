namespace DeepWorkMap.Contracts.Geo;

/// <summary>A session found by a nearby search, with its great-circle distance from the centre.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.NearbyHit")]
public sealed record NearbyHit(
    [property: Id(0)] Sessions.SessionSnapshot Session,
    [property: Id(1)] double DistanceKm);
