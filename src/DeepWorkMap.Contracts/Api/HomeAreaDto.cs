namespace DeepWorkMap.Contracts.Api;

public sealed record HomeAreaDto(double? Latitude, double? Longitude, double? RadiusKm);
