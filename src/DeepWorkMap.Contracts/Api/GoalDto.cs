namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Goal</c>; as a request, <c>done</c> may be left out (false).</summary>
public sealed record GoalDto(string? Text, bool Done = false, DateTimeOffset? UpdatedAt = null);
