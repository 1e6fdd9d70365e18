namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>FocusStats</c>: the caller's focus per local day from <c>from</c> to <c>to</c> (every day, zeros
/// included), its total, and their streaks (days in a row with at least <c>streakMinutes</c>).
/// </summary>
public sealed record FocusStatsDto(
    string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<StatsDayDto> Days, int TotalMinutes,
    int CurrentStreak, int BestStreak, int StreakMinutes, bool Hidden);
