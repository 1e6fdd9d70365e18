namespace DeepWorkMap.Contracts.Api;

/// <summary>The public face of a user, as API.md's <c>User</c>.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.UserDto")]
public sealed record UserDto(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Username,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? AvatarUrl);

/// <summary>API.md's <c>Me</c>: the user plus what only they see.</summary>
public sealed record MeDto(Guid Id, string Username, string DisplayName, string? AvatarUrl, string Email, DateTimeOffset CreatedAt);

public sealed record AuthResult(string Token, DateTimeOffset ExpiresAt, UserDto User);

public sealed record RegisterRequest(string? Email, string? Username, string? DisplayName, string? Password);

public sealed record LoginRequest(string? Login, string? Password);
