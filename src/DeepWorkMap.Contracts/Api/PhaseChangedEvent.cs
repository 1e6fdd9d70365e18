namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>phaseChanged</c>: the timer's phase (null before the start) and the server's clock, for one countdown.</summary>
public sealed record PhaseChangedEvent(Guid SessionId, PhaseDto? Phase, DateTimeOffset ServerTime);
