namespace DeepWorkMap.Contracts.Api;

public sealed record RegisterRequest(string? Email, string? Username, string? DisplayName, string? Password);
