namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Where a session really is, and the host's note on finding it: for its participants only.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionVenue")]
public sealed record SessionVenue(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] string? Note);
