namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>viewChanged</c>: the clusters of the view a connection watches changed; ask for the view again.</summary>
public sealed record ViewChangedEvent;
