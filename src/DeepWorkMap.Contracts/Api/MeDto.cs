namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Me</c>: the user plus what only they see.</summary>
public sealed record MeDto(Guid Id, string Username, string DisplayName, string? AvatarUrl, string Email, DateTimeOffset CreatedAt);
