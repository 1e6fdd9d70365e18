namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>sessionRemoved</c> event.</summary>
public sealed record SessionRemovedEvent(Guid SessionId);
