namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>goalChanged</c>: a participant's goal now (null: dropped).</summary>
public sealed record GoalChangedEvent(Guid SessionId, Guid UserId, GoalDto? Goal);
