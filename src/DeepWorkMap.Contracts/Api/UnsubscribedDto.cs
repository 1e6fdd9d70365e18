namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's answer to a one-click unsubscribe: the kind no longer mailed.</summary>
public sealed record UnsubscribedDto(string Kind);
