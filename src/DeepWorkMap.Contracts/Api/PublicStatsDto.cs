namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>PublicStats</c>: a user's focus summary as others see it.</summary>
public sealed record PublicStatsDto(Guid UserId, int TotalMinutes, int WeekMinutes, int CurrentStreak, int BestStreak);
