namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>removedFromSession</c>: the host removed this user.</summary>
public sealed record RemovedFromSessionEvent(Guid SessionId);
