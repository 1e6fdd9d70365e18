namespace DeepWorkMap.Contracts.Api;

public sealed record AuthResult(string Token, DateTimeOffset ExpiresAt, UserDto User);
