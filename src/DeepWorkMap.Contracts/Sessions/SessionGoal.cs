namespace DeepWorkMap.Contracts.Sessions;

/// <summary>What a participant means to get done in the session (up to 140 characters), and whether they did.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionGoal")]
public sealed record SessionGoal(
    [property: Id(0)] string Text,
    [property: Id(1)] bool Done,
    [property: Id(2)] DateTimeOffset UpdatedAt);
