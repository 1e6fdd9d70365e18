namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Phase</c>.</summary>
public sealed record PhaseDto(string Kind, int Index, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, DateTimeOffset? PausedAt);
