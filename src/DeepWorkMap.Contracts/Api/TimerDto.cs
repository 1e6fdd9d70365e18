namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Timer</c>: a plan, as sent and as shown.</summary>
public sealed record TimerDto(int? FocusMinutes, int? BreakMinutes, int? Cycles);
