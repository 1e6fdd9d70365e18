namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>StatsDay</c>: a local day and the whole minutes focused on it.</summary>
public sealed record StatsDayDto(DateOnly Date, int FocusedMinutes);
