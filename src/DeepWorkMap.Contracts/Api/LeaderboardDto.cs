namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Leaderboard</c>: this week's focus (Monday to Sunday in the caller's zone) of the caller and the people they follow.</summary>
public sealed record LeaderboardDto(string TimeZone, DateOnly WeekStart, DateOnly WeekEnd, IReadOnlyList<LeaderboardEntryDto> Entries);
