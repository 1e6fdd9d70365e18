namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>presenceChanged</c>: a participant is now online, focusing, break, away or offline.</summary>
public sealed record PresenceChangedEvent(Guid SessionId, Guid UserId, string State);
