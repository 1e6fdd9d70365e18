namespace DeepWorkMap.Contracts.Users;

[GenerateSerializer, Immutable, Alias("DeepWorkMap.HomeArea")]
public sealed record HomeArea([property: Id(0)] double Latitude, [property: Id(1)] double Longitude, [property: Id(2)] double RadiusKm);
