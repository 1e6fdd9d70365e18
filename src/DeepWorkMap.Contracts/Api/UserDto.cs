namespace DeepWorkMap.Contracts.Api;

/// <summary>The public face of a user, as docs/api.md's <c>User</c>.</summary>
public sealed record UserDto(Guid Id, string Username, string DisplayName, string? AvatarUrl);
