namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>waitlistPositionChanged</c>: the user's own new place in a session's waitlist, 1 being next.</summary>
public sealed record WaitlistPositionChangedEvent(Guid SessionId, int Position);
