namespace DeepWorkMap.Contracts.Api;

/// <summary>One place on a <see cref="LeaderboardDto"/>; equal minutes share a rank.</summary>
public sealed record LeaderboardEntryDto(int Rank, UserDto User, int FocusedMinutes, bool Me);
