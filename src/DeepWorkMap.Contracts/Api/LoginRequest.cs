namespace DeepWorkMap.Contracts.Api;

public sealed record LoginRequest(string? Login, string? Password);
