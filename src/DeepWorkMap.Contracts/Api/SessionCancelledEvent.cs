namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>sessionCancelled</c> event: the host called the session off, saying why (or not).</summary>
public sealed record SessionCancelledEvent(Guid SessionId, string? Reason);
